// The sync server as its own process for the sync specs: `scripts/sync-server.ts` under Node with
// tsx's loader (one process, so SIGKILL kills the server itself and not a launcher), on 127.0.0.1,
// its address read from the one line it prints once listening. It exits with the test runner
// (stdin closes).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SyncServerProcess {
  /** `ws://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Its stderr so far (log lines), for a failing test's message. */
  log(): string;
  /** Sends `signal` and waits until the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const LISTENING = /^Rehearse sync server listening on (ws:\/\/127\.0\.0\.1:(\d+))$/;

/** Starts a server on `data` (a folder); `port` 0 picks a free one; `args`: more flags (limits). */
export function startSyncServer(options: { data: string; port?: number; args?: string[] }): Promise<SyncServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/sync-server.ts', '--host', '127.0.0.1', '--port', String(options.port ?? 0), '--data', options.data, '--exit-on-stdin-close', ...(options.args ?? [])],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = LISTENING.exec(line.trim());
      if (!match) return;
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        log: () => stderr,
        async kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once('exit', (code, signal) => reject(new Error(`the sync server stopped before listening (${code ?? signal}): ${stderr.trim()}`)));
  });
}
