/**
 * Per-key hit counters that expire by themselves, in the shape of the Redis client that
 * @grammyjs/ratelimiter accepts (`incr`, `pexpire`). Unlike its memory store it starts no timer,
 * which Workers do not allow at start-up and whose handles have no `unref` there; expired keys are
 * dropped lazily.
 */
export interface WindowCounter {
  incr(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
}

const SWEEP_EVERY = 1000;

export function windowCounter(now: () => number = Date.now): WindowCounter {
  const hits = new Map<string, { count: number; expiresAt: number }>();
  let calls = 0;
  const sweep = (t: number) => {
    for (const [key, entry] of hits) if (entry.expiresAt <= t) hits.delete(key);
  };
  return {
    async incr(key) {
      const t = now();
      if (++calls % SWEEP_EVERY === 0) sweep(t);
      const entry = hits.get(key);
      if (!entry || entry.expiresAt <= t) {
        hits.set(key, { count: 1, expiresAt: Number.POSITIVE_INFINITY });
        return 1;
      }
      entry.count += 1;
      return entry.count;
    },
    async pexpire(key, ms) {
      const entry = hits.get(key);
      if (!entry) return 0;
      entry.expiresAt = now() + ms;
      return 1;
    },
  };
}
