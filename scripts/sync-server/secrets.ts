// Collection codes at rest: a salted scrypt hash, never the secret itself. A verified secret is remembered
// in memory only, as an HMAC under a key made at start, so a device opening twenty documents pays scrypt once.
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), to store beside the collection. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `secret` is the one `stored` was made from. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** In-memory memo of verified secrets per collection (an HMAC under a per-process random key). */
export class VerifiedSecrets {
  private readonly key = randomBytes(32);
  private readonly known = new Map<string, Buffer>();

  private mac(collectionId: string, secret: string): Buffer {
    return createHmac('sha256', this.key).update(collectionId).update('\0').update(secret).digest();
  }

  /** true: this secret was verified before; false: another secret was; undefined: nothing known yet. */
  check(collectionId: string, secret: string): boolean | undefined {
    const known = this.known.get(collectionId);
    if (!known) return undefined;
    return timingSafeEqual(known, this.mac(collectionId, secret));
  }

  /** A short name for a (collection, code) pair that tells two wrong codes apart without keeping either. */
  guessName(collectionId: string, secret: string): string {
    return this.mac(collectionId, secret).subarray(0, 12).toString('base64url');
  }

  remember(collectionId: string, secret: string): void {
    this.known.set(collectionId, this.mac(collectionId, secret));
  }
}
