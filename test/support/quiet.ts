/** Resolves once the stand-in has seen no new call for `quietMs` (replies are sent after the ack). */
export async function quiet(standIn: { calls: unknown[] }, quietMs = 300, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error("the stand-in did not settle");
    if (standIn.calls.length !== seen) {
      seen = standIn.calls.length;
      since = Date.now();
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
