// The pairing code: one line a person can read off one screen and type on another (or scan as a
// QR code), holding everything a device needs to join a collection: the sync server's address,
// the collection's id and its secret. Written in Crockford's base32 (no I, L, O or U; case does
// not matter; O is read as 0 and I or L as 1) in groups of four, after a `rehearse:` prefix,
// with a CRC-32 at the end so a typo says so instead of being refused by the server.
// Pure: no DOM, no storage; randomness from `crypto.getRandomValues`.

/** What a device needs to sync: the same shape storage keeps (`SyncConfig`). */
export interface PairingConfig {
  /** `ws://…` or `wss://…`, as `normalizeServerAddress` returns it. */
  server: string;
  /** 22 characters of base64url (128 random bits). */
  collection: string;
  /** 22 characters of base64url (128 random bits). */
  secret: string;
}

export const PAIRING_PREFIX = 'rehearse:';

const VERSION = 1;
const ID_BYTES = 16;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEADER_BYTES = 2; // version, flags
const CRC_BYTES = 4;
const MIN_BYTES = HEADER_BYTES + ID_BYTES * 2 + 1 + CRC_BYTES; // a one-letter host at least
const FLAG_WSS = 1;
const MAX_SERVER_BYTES = 200;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The server address a person typed, checked and written one way (`wss://host[:port][/path]`),
 * or one sentence saying what is wrong with it.
 */
export function normalizeServerAddress(text: string): ParseResult<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter the address of your sync server, like wss://sync.example.com.' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'https' || scheme === 'http') {
    const suggested = scheme === 'https' ? 'wss' : 'ws';
    return { ok: false, message: `A sync server's address starts with ${suggested}:// rather than ${scheme}://.` };
  }
  if (scheme !== 'ws' && scheme !== 'wss') {
    return { ok: false, message: 'Start the address with wss:// (or ws:// for a server on your own network), like wss://sync.example.com.' };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: 'That address is not one a browser can open: check it for spaces and stray characters.' };
  }
  if (url.hostname === '') return { ok: false, message: 'The address needs the server’s name after the //.' };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Leave the name and password out of the address: the pairing code carries the secret.' };
  }
  if (url.search !== '' || url.hash !== '') return { ok: false, message: 'Leave the ? and # parts out of the address.' };
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  const server = `${url.protocol}//${url.host}${path}`;
  if (new TextEncoder().encode(server).length > MAX_SERVER_BYTES) return { ok: false, message: 'That address is too long for a pairing code.' };
  return { ok: true, value: server };
}

/** A new collection on `server` (already normalized): a random id and a random secret. */
export function newCollection(server: string): PairingConfig {
  return { server, collection: randomId(), secret: randomId() };
}

/** 128 random bits as 22 characters of base64url. */
export function randomId(): string {
  const bytes = new Uint8Array(ID_BYTES);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

/** The code for `config`: `rehearse:` and groups of four letters or digits. */
export function encodePairingCode(config: PairingConfig): string {
  const server = normalizeServerAddress(config.server);
  if (!server.ok) throw new Error(server.message);
  const collection = fromBase64Url(config.collection);
  const secret = fromBase64Url(config.secret);
  if (collection?.length !== ID_BYTES || secret?.length !== ID_BYTES) throw new Error('A collection id and a secret are 22 characters of base64url.');
  const wss = server.value.startsWith('wss://');
  const rest = new TextEncoder().encode(server.value.slice(wss ? 6 : 5));
  const body = new Uint8Array(HEADER_BYTES + ID_BYTES * 2 + rest.length);
  body[0] = VERSION;
  body[1] = wss ? FLAG_WSS : 0;
  body.set(collection, HEADER_BYTES);
  body.set(secret, HEADER_BYTES + ID_BYTES);
  body.set(rest, HEADER_BYTES + ID_BYTES * 2);
  const bytes = new Uint8Array(body.length + CRC_BYTES);
  bytes.set(body);
  new DataView(bytes.buffer).setUint32(body.length, crc32(body));
  const letters = toBase32(bytes);
  return PAIRING_PREFIX + (letters.match(/.{1,4}/g) ?? []).join('-');
}

/** Reads a code typed, pasted or scanned; one sentence for every way it can be wrong. */
export function decodePairingCode(text: string): ParseResult<PairingConfig> {
  let letters = text.trim().replace(/\s+/g, '');
  if (letters === '') return { ok: false, message: 'Enter the pairing code shown in Settings → Sync on your other device.' };
  const prefix = /^([a-z][a-z0-9+.-]*):/i.exec(letters);
  if (prefix) {
    if (`${prefix[1]!.toLowerCase()}:` !== PAIRING_PREFIX) return { ok: false, message: 'That is not a Rehearse pairing code: it starts with rehearse:.' };
    letters = letters.slice(prefix[0].length);
  }
  letters = letters.replace(/-/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  const wrong = [...letters].find((c) => !ALPHABET.includes(c));
  if (wrong !== undefined) return { ok: false, message: `A pairing code has no “${wrong}”: check the letters.` };
  if (Math.floor((letters.length * 5) / 8) < MIN_BYTES) return { ok: false, message: 'That code is too short: some letters are missing.' };
  const bytes = fromBase32(letters);
  if (!bytes) return { ok: false, message: 'That code has a typo: check the letters.' };
  const bodyLength = bytes.length - CRC_BYTES;
  const body = bytes.subarray(0, bodyLength);
  if (new DataView(bytes.buffer, bytes.byteOffset).getUint32(bodyLength) !== crc32(body)) {
    return { ok: false, message: 'That code has a typo: check the letters.' };
  }
  if (body[0] !== VERSION) return { ok: false, message: 'That code comes from a newer Rehearse: update this one, then enter it again.' };
  let rest: string;
  try {
    rest = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(HEADER_BYTES + ID_BYTES * 2));
  } catch {
    return { ok: false, message: 'That code holds no server address a browser can open.' };
  }
  const server = normalizeServerAddress(`${(body[1]! & FLAG_WSS) !== 0 ? 'wss' : 'ws'}://${rest}`);
  if (!server.ok) return { ok: false, message: 'That code holds no server address a browser can open.' };
  return {
    ok: true,
    value: {
      server: server.value,
      collection: toBase64Url(body.subarray(HEADER_BYTES, HEADER_BYTES + ID_BYTES)),
      secret: toBase64Url(body.subarray(HEADER_BYTES + ID_BYTES, HEADER_BYTES + ID_BYTES * 2)),
    },
  };
}

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Bytes of base32 letters (already checked against the alphabet); undefined when the padding bits are not zero. */
function fromBase32(letters: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((letters.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const letter of letters) {
    buffer = (buffer << 5) | ALPHABET.indexOf(letter);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 255;
    }
    buffer &= (1 << bits) - 1;
  }
  // Whole letters left over, or leftover bits that are not zero: a letter too many or a typo.
  if (bits >= 5 || buffer !== 0) return undefined;
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE): catches every one-letter typo and every swap of two neighbouring letters. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 255]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
