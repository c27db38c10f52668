// A content digest that the client and the server compute the same way, to prove after a sync
// that both hold the same document (DESIGN.md: divergence is never silent).

/** Hex SHA-256 of a text, with Web Crypto (present in Node ≥ 19, browsers and web workers). */
export async function textDigest(text: string): Promise<string> {
  const subtle = (globalThis as unknown as { crypto: { subtle: SubtleLike } }).crypto.subtle;
  const hash = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/** Same state vector on both sides, different text: the one case that means real divergence. */
export function diverged(
  local: { stateVector: string; digest: string },
  server: { stateVector: string; digest: string },
): boolean {
  return local.stateVector === server.stateVector && local.digest !== server.digest;
}
