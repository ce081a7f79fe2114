// The sync server's settings, read once from flags and environment variables (flags win).
// Pure: no I/O, so every refusal of a bad setting is one sentence a test can check.

/** The server's settings after normalization. */
export interface ServerOptions {
  host: string;
  port: number;
  dataDir: string;
  /** Redis URL: several processes on one host share the data folder and relay updates through it. */
  redis?: string;
  /** A single WebSocket message larger than this closes the connection (`message-too-large`). */
  maxMessageBytes: number;
  /** A collection whose stored bytes exceed this refuses new updates (`collection-full`). */
  maxCollectionBytes: number;
  /** Different wrong codes from one address within a minute before it is refused for a while (`rate-limited`). */
  wrongCodeLimit: number;
  /** The first refusal period after too many wrong codes; each further one doubles, up to an hour. */
  wrongCodeBlockMs: number;
  /** New collections one address may create within an hour (more are refused as `rate-limited`). */
  newCollectionsPerHour: number;
  /** Take the client's address from the last X-Forwarded-For entry (behind a reverse proxy). */
  trustProxy: boolean;
  /** Exit when stdin closes: a parent (a test runner) that dies takes the server with it. */
  exitOnStdinClose: boolean;
}

/** A setting that cannot be used; the message is one sentence for the person starting the server. */
export class OptionError extends Error {
  override name = 'OptionError';
}

const MB = 1024 * 1024;

interface Spec {
  env?: string;
  kind: 'string' | 'port' | 'mb' | 'count' | 'seconds' | 'flag';
}

const SPECS: Record<string, Spec> = {
  host: { env: 'REHEARSE_SYNC_HOST', kind: 'string' },
  port: { env: 'REHEARSE_SYNC_PORT', kind: 'port' },
  data: { env: 'REHEARSE_SYNC_DATA', kind: 'string' },
  redis: { env: 'REHEARSE_SYNC_REDIS', kind: 'string' },
  'max-message-mb': { env: 'REHEARSE_SYNC_MAX_MESSAGE_MB', kind: 'mb' },
  'max-collection-mb': { env: 'REHEARSE_SYNC_MAX_COLLECTION_MB', kind: 'mb' },
  'wrong-code-limit': { kind: 'count' },
  'wrong-code-block-seconds': { kind: 'seconds' },
  'new-collections-per-hour': { kind: 'count' },
  'trust-proxy': { env: 'REHEARSE_SYNC_TRUST_PROXY', kind: 'flag' },
  'exit-on-stdin-close': { kind: 'flag' },
};

export const USAGE =
  'usage: npm run sync-server -- [--host 127.0.0.1] [--port 1234] [--data ./sync-data] [--redis redis://HOST:PORT]' +
  ' [--max-message-mb 32] [--max-collection-mb 512] [--wrong-code-limit 5] [--wrong-code-block-seconds 30]' +
  ' [--new-collections-per-hour 20] [--trust-proxy]';

/** Reads argv (without node and the script) and env into settings; throws OptionError for anything unusable. */
export function parseServerOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerOptions {
  const raw = new Map<string, string>();
  for (const [name, spec] of Object.entries(SPECS)) {
    const value = spec.env ? env[spec.env] : undefined;
    if (value !== undefined && value !== '') raw.set(name, value);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new OptionError(`Unexpected argument "${arg}"; every setting is a --flag.`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = SPECS[name];
    if (!spec) throw new OptionError(`Unknown option --${name}.`);
    if (spec.kind === 'flag') {
      raw.set(name, eq === -1 ? 'true' : arg.slice(eq + 1));
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new OptionError(`Option --${name} needs a value.`);
    raw.set(name, value);
  }

  const text = (name: string, fallback: string): string => raw.get(name) ?? fallback;
  const number = (name: string, fallback: number, ok: (n: number) => boolean, what: string): number => {
    const value = raw.get(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new OptionError(`--${name} must be ${what}, not "${value}".`);
    return n;
  };
  const flag = (name: string): boolean => {
    const value = raw.get(name);
    if (value === undefined) return false;
    if (/^(1|true|yes)$/i.test(value)) return true;
    if (/^(0|false|no)$/i.test(value)) return false;
    throw new OptionError(`--${name} is on or off (true or false), not "${value}".`);
  };

  const host = text('host', '127.0.0.1');
  if (!/^[A-Za-z0-9.:[\]_-]+$/.test(host)) throw new OptionError(`--host must be a host name or an address, not "${host}".`);
  const redis = raw.get('redis');
  if (redis !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redis)) {
    throw new OptionError('--redis must be a URL such as redis://127.0.0.1:6379.');
  }
  const positive = (n: number) => n > 0;
  return {
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: number('port', 1234, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a whole number from 0 to 65535'),
    dataDir: text('data', './sync-data'),
    ...(redis !== undefined ? { redis } : {}),
    maxMessageBytes: Math.floor(number('max-message-mb', 32, positive, 'a number of megabytes above 0') * MB),
    maxCollectionBytes: Math.floor(number('max-collection-mb', 512, positive, 'a number of megabytes above 0') * MB),
    wrongCodeLimit: number('wrong-code-limit', 5, (n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more'),
    wrongCodeBlockMs: number('wrong-code-block-seconds', 30, positive, 'a number of seconds above 0') * 1000,
    newCollectionsPerHour: number('new-collections-per-hour', 20, (n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more'),
    trustProxy: flag('trust-proxy'),
    exitOnStdinClose: flag('exit-on-stdin-close'),
  };
}
