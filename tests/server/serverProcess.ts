// Test helpers: the sync server as its own child process on 127.0.0.1 (one node process, so SIGKILL hits
// the server itself), and HocuspocusProvider clients in Node as the app's bridge uses them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

/**
 * `ws` as a browser's WebSocket behaves: an error (closing a socket that is still connecting, say)
 * arrives as an event, never as an uncaught exception. Node's EventEmitter throws an 'error' with no
 * listener; the browser's EventTarget does not, and the provider relies on that when it closes a
 * socket mid-reconnect.
 */
export class BrowserLikeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

const SERVER_ARGS = ['--import', 'tsx', 'scripts/sync-server.ts'];
const LISTENING = /^Rehearse sync server listening on (ws:\/\/127\.0\.0\.1:(\d+))$/m;

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or the given signal) and wait until the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rehearse-sync-${label}-`));
}

function spawnServer(args: string[], env: Record<string, string> = {}) {
  // stdin stays a pipe: --exit-on-stdin-close ends the server if this test process dies.
  const child = spawn(process.execPath, [...SERVER_ARGS, '--exit-on-stdin-close', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Runs the server with args that should make it refuse to start; resolves with its exit and output. */
export async function runServerToExit(args: string[], env: Record<string, string> = {}) {
  const run = spawnServer(args, env);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Starts a server on 127.0.0.1 and a free port; resolves once it printed its listening line. */
export async function startServer(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const run = spawnServer(['--host', '127.0.0.1', '--port', '0', ...args], env);
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = () => {
      const found = LISTENING.exec(run.stdout());
      if (found) {
        run.child.stdout!.off('data', onData);
        resolve(found);
      }
    };
    run.child.stdout!.on('data', onData);
    void run.exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening: ${run.stderr()}`)));
  });
  return {
    url: match[1]!,
    port: Number(match[2]),
    ...run,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
      return run.exited;
    },
  };
}

/** Waits until `condition` holds, checking every 20 ms; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  authenticated: boolean;
  /** Reasons of onAuthenticationFailed, in order. */
  authFailures: string[];
  /** onClose events as the provider reports them (the socket's, or a document's CLOSE message). */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** One provider on its own socket, as a device opens one document. */
export function connectClient(url: string, name: string, token: string, doc = new Y.Doc()): Client {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: BrowserLikeWebSocket, delay: 100, minDelay: 100, maxDelay: 1000, maxAttempts: 0 });
  return attachClient(socket, name, token, doc);
}

/** One more document on an existing socket, as the bridge multiplexes a collection's documents. */
export function attachClient(socket: HocuspocusProviderWebsocket, name: string, token: string, doc = new Y.Doc()): Client {
  const client: Client = {
    doc,
    socket,
    authenticated: false,
    authFailures: [],
    closes: [],
    provider: undefined as unknown as HocuspocusProvider,
    destroy() {
      client.provider.destroy();
      socket.destroy();
    },
  };
  client.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    token,
    document: doc,
    awareness: null,
    onAuthenticated: () => { client.authenticated = true; },
    onAuthenticationFailed: ({ reason }) => { client.authFailures.push(reason); },
    onClose: ({ event }) => { client.closes.push({ code: event.code, reason: event.reason }); },
  });
  client.provider.attach();
  return client;
}

/** A collection id and secret shaped like the app's (22+ url-safe characters each). */
export function newCollection(): { id: string; secret: string } {
  const random = () => Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
  return { id: random(), secret: random() + random() };
}

/** Resolves once the provider's changes were all acknowledged by the server. */
export function acknowledged(client: Client, what: string): Promise<void> {
  return waitFor(() => client.provider.isSynced && client.provider.unsyncedChanges === 0, what);
}
