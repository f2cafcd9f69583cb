const utf8 = new TextEncoder();

/** Compares a received secret with the expected one in time independent of where they differ. */
export function secretsEqual(received: string | undefined, expected: string): boolean {
  const a = utf8.encode(received ?? "");
  const b = utf8.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0 && received !== undefined;
}
