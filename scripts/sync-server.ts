// npm run sync-server -- [--host 127.0.0.1] [--port 1234] [--data ./sync-data] [--redis URL]
// Prints one line `Rehearse sync server listening on ws://HOST:PORT` on stdout once ready; log lines
// (never a code) go to stderr. A setting or a start that cannot work: one sentence on stderr, exit code 2.
import { OptionError, parseServerOptions, USAGE } from './sync-server/options.ts';
import { StartError, startSyncServer } from './sync-server/server.ts';

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseServerOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    process.stderr.write(`sync-server: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }

  let server;
  try {
    server = await startSyncServer(options, log);
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    process.stderr.write(`sync-server: ${error.message}\n`);
    process.exit(2);
  }
  process.stdout.write(`Rehearse sync server listening on ${server.url}\n`);

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    server.close().then(() => process.exit(0), (error: unknown) => {
      log(`stopped with an error: ${(error as Error).message}`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (options.exitOnStdinClose) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('close', () => stop('stdin closed'));
    process.stdin.resume();
  }
}

await main();
