// The pairing code: what one device shows and another types or scans, and a sentence for every
// way a typed code can be wrong.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodePairingCode,
  encodePairingCode,
  newCollection,
  normalizeServerAddress,
  randomId,
  type PairingConfig,
} from '../../src/sync/pairingCode.ts';

const config: PairingConfig = {
  server: 'wss://sync.example.com',
  collection: 'AAECAwQFBgcICQoLDA0ODw',
  secret: '_-_-EBESExQVFhcYGRobHA',
};

function message(text: string): string {
  const result = decodePairingCode(text);
  if (result.ok) throw new Error(`decoded ${text}`);
  return result.message;
}

describe('server address', () => {
  test('ws:// and wss:// addresses, written one way', () => {
    expect(normalizeServerAddress('  wss://Sync.Example.com/  ')).toEqual({ ok: true, value: 'wss://sync.example.com' });
    expect(normalizeServerAddress('ws://127.0.0.1:4444')).toEqual({ ok: true, value: 'ws://127.0.0.1:4444' });
    expect(normalizeServerAddress('wss://example.com:443/rehearse/')).toEqual({ ok: true, value: 'wss://example.com/rehearse' });
  });

  test('one sentence for each wrong address', () => {
    const wrong = (text: string) => {
      const result = normalizeServerAddress(text);
      return result.ok ? 'accepted' : result.message;
    };
    expect(wrong('')).toMatch(/^Enter the address/);
    expect(wrong('https://sync.example.com')).toBe("A sync server's address starts with wss:// rather than https://.");
    expect(wrong('http://sync.example.com')).toMatch(/ws:\/\/ rather than http:\/\//);
    expect(wrong('sync.example.com')).toMatch(/^Start the address with wss:\/\//);
    expect(wrong('wss://user:pw@sync.example.com')).toMatch(/^Leave the name and password out/);
    expect(wrong('wss://sync.example.com/?token=1')).toMatch(/^Leave the \? and #/);
    expect(wrong('wss://exa mple.com')).toMatch(/not one a browser can open/);
  });
});

describe('pairing code', () => {
  test('round trip, with the prefix and groups of four', () => {
    const code = encodePairingCode(config);
    expect(code).toMatch(/^rehearse:([0-9A-HJKMNP-TV-Z]{1,4})(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    expect(decodePairingCode(code)).toEqual({ ok: true, value: config });
  });

  test('typed loosely: lower case, spaces, no dashes, O for 0 and l for 1, no prefix', () => {
    const code = encodePairingCode({ ...config, server: 'ws://192.168.1.10:8080' });
    const typed = code.slice('rehearse:'.length).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(decodePairingCode(typed)).toEqual({ ok: true, value: { ...config, server: 'ws://192.168.1.10:8080' } });
    expect(decodePairingCode(code.toUpperCase())).toEqual({ ok: true, value: { ...config, server: 'ws://192.168.1.10:8080' } });
  });

  test('any collection round-trips', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('wss://a.b', 'ws://127.0.0.1:1234', 'wss://sync.example.com/some/path', 'wss://xn--bcher-kva.example:9'),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (server, a, b) => {
          const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
          const value = { server, collection: b64(a), secret: b64(b) };
          expect(decodePairingCode(encodePairingCode(value))).toEqual({ ok: true, value });
        },
      ),
    );
  });

  test('every one-letter typo and every swap of two neighbours says "typo"', () => {
    const code = encodePairingCode(config);
    const letters = code.slice('rehearse:'.length).replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < letters.length; i++) {
      for (const c of alphabet) {
        if (c === letters[i]) continue;
        const typo = letters.slice(0, i) + c + letters.slice(i + 1);
        expect(message(typo)).toBe('That code has a typo: check the letters.');
      }
      if (i + 1 < letters.length && letters[i] !== letters[i + 1]) {
        const swapped = letters.slice(0, i) + letters[i + 1] + letters[i] + letters.slice(i + 2);
        expect(message(swapped)).toBe('That code has a typo: check the letters.');
      }
    }
  });

  test('a letter left out or one too many is a typo too', () => {
    const letters = encodePairingCode(config).slice('rehearse:'.length).replace(/-/g, '');
    for (let i = 0; i < letters.length; i++) {
      expect(message(letters.slice(0, i) + letters.slice(i + 1))).toBe('That code has a typo: check the letters.');
    }
    expect(message(letters + '7')).toBe('That code has a typo: check the letters.');
  });

  test('one sentence for every other way a code is wrong', () => {
    const code = encodePairingCode(config);
    expect(message('   ')).toMatch(/^Enter the pairing code shown in Settings → Sync/);
    expect(message('https://example.com/abc')).toBe('That is not a Rehearse pairing code: it starts with rehearse:.');
    expect(message(code.replace(/-[0-9A-Z]/, '-U'))).toBe('A pairing code has no “U”: check the letters.');
    expect(message('rehearse:ABCD-EFGH')).toBe('That code is too short: some letters are missing.');
    // The same code but for a version of the format this Rehearse does not know.
    const bytes = [...decodeLetters(code)];
    bytes[0] = 2;
    expect(message(relabel(bytes))).toMatch(/^That code comes from a newer Rehearse/);
  });

  test('new collections: 22-character base64url ids and secrets, never the same twice', () => {
    const a = newCollection('wss://sync.example.com');
    const b = newCollection('wss://sync.example.com');
    expect(a.collection).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set([a.collection, a.secret, b.collection, b.secret]).size).toBe(4);
    expect(randomId()).not.toBe(randomId());
    expect(decodePairingCode(encodePairingCode(a))).toEqual({ ok: true, value: a });
  });
});

// A code's bytes, and a code for bytes with a correct checksum (to build codes the app never makes).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function decodeLetters(code: string): Uint8Array {
  const letters = code.slice('rehearse:'.length).replace(/-/g, '');
  let bits = '';
  for (const l of letters) bits += ALPHABET.indexOf(l).toString(2).padStart(5, '0');
  const out = new Uint8Array(Math.floor(bits.length / 8));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  return out.subarray(0, out.length - 4);
}
function relabel(body: number[]): string {
  let crc = 0xffffffff;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  const bytes = [...body, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255];
  let bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  while (bits.length % 5) bits += '0';
  let letters = '';
  for (let i = 0; i < bits.length; i += 5) letters += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return 'rehearse:' + letters;
}
