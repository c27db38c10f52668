// Tokens, invite codes and ids. Only SHA-256 hashes of tokens and invite codes are stored:
// both are long random strings, so a fast hash is enough (nothing to brute-force from a dump),
// and it lets us look a token up by its hash on every connection.
import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32 leaves out I, L, O and U, which people misread when copying a code.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += BASE32[byte & 31];
  return out;
}

export function newToken(): string {
  return `clt_${randomBytes(32).toString('base64url')}`;
}

/** 60 random bits in three groups, short enough to read out over a phone. */
export function newInviteCode(): string {
  const raw = randomBase32(12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** People retype invite codes: ignore case, spaces and dashes, and the usual look-alikes. */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBase32(10).toLowerCase()}`;
}

/** A lowercase, ASCII id from a name; names in other scripts fall back to `fallback`. */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

export function randomSuffix(length: number): string {
  return randomBase32(length).toLowerCase();
}
