/** Result of a closed-loop load run: `concurrency` workers each sending one request after the other. */
export interface LoadResult {
  count: number;
  errors: number;
  elapsedMs: number;
  /** Successful requests per second. */
  perSecond: number;
  latenciesMs: number[];
}

/**
 * The load generator plays many visitors from one address; the app's per-address limit on new
 * visitors (10 a minute by default) would otherwise answer almost all of them with 429.
 */
export const MANY_VISITORS_ENV = { NEW_VISITORS_PER_MINUTE: "10000", NEW_VISITORS_PER_DAY: "1000000" };

/**
 * Sends requests from `concurrency` loops until `total` are done or `durationMs` passed, whichever
 * comes first, so a bench run stays bounded in count and time.
 */
export async function runLoad(opts: {
  concurrency: number;
  total?: number;
  durationMs: number;
  request: (i: number) => Promise<boolean>;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const loop = async () => {
    while (performance.now() < deadline && (opts.total === undefined || next < opts.total)) {
      const i = next++;
      const t = performance.now();
      let ok = false;
      try {
        ok = await opts.request(i);
      } catch {
        ok = false;
      }
      latenciesMs.push(performance.now() - t);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  const elapsedMs = performance.now() - started;
  return {
    count: latenciesMs.length,
    errors,
    elapsedMs,
    // Successful requests only: a server answering 429 or 500 fast must not look fast.
    perSecond: ((latenciesMs.length - errors) / elapsedMs) * 1000,
    latenciesMs,
  };
}

/** One web chat turn as a browser sends it; returns the visitor cookie for the next turn. */
export async function webTurn(
  baseUrl: string,
  event: Record<string, unknown>,
  cookie?: string,
): Promise<{ ok: boolean; cookie: string | undefined }> {
  const res = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ event }),
  });
  await res.arrayBuffer();
  const set = res.headers.get("set-cookie")?.split(";")[0];
  return { ok: res.ok, cookie: set ?? cookie };
}
