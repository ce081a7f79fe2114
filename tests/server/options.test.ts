// The sync server's settings: defaults, environment variables, flags over them, one sentence per mistake.
import { describe, expect, it } from 'vitest';
import { OptionError, parseServerOptions } from '../../scripts/sync-server/options.ts';

const MB = 1024 * 1024;

function refusal(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseServerOptions(argv, env);
  } catch (error) {
    if (error instanceof OptionError) return error.message;
    throw error;
  }
  throw new Error('no refusal');
}

describe('parseServerOptions', () => {
  it('defaults to 127.0.0.1:1234, ./sync-data, 32 MB messages and 512 MB collections', () => {
    expect(parseServerOptions([], {})).toEqual({
      host: '127.0.0.1', port: 1234, dataDir: './sync-data', maxMessageBytes: 32 * MB, maxCollectionBytes: 512 * MB,
      wrongCodeLimit: 5, wrongCodeBlockMs: 30_000, newCollectionsPerHour: 20, trustProxy: false, exitOnStdinClose: false,
    });
  });

  it('reads REHEARSE_SYNC_* variables, and a flag wins over its variable', () => {
    const env = { REHEARSE_SYNC_HOST: '0.0.0.0', REHEARSE_SYNC_PORT: '9000', REHEARSE_SYNC_DATA: '/srv/sync', REHEARSE_SYNC_REDIS: 'redis://10.0.0.5:6379' };
    const options = parseServerOptions(['--port', '0', '--data=/tmp/x', '--max-message-mb', '0.5'], env);
    expect(options).toMatchObject({ host: '0.0.0.0', port: 0, dataDir: '/tmp/x', redis: 'redis://10.0.0.5:6379', maxMessageBytes: MB / 2 });
  });

  it('refuses what it cannot use with one sentence', () => {
    expect(refusal(['--verbose'])).toBe('Unknown option --verbose.');
    expect(refusal(['--port'])).toBe('Option --port needs a value.');
    expect(refusal(['--port', '--data', 'x'])).toBe('Option --port needs a value.');
    expect(refusal(['--port', '70000'])).toBe('--port must be a whole number from 0 to 65535, not "70000".');
    expect(refusal([], { REHEARSE_SYNC_PORT: '12ab' })).toBe('--port must be a whole number from 0 to 65535, not "12ab".');
    expect(refusal(['--max-collection-mb', '0'])).toBe('--max-collection-mb must be a number of megabytes above 0, not "0".');
    expect(refusal(['--redis', 'localhost:6379'])).toBe('--redis must be a URL such as redis://127.0.0.1:6379.');
    expect(refusal(['serve'])).toBe('Unexpected argument "serve"; every setting is a --flag.');
  });
});
