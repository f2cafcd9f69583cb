import { HttpError, type Transformer } from "grammy";

/**
 * Retries a Bot API call a few times when the network fails (no HTTP answer at all), with a short
 * backoff; unlike auto-retry's unbounded network retries, a reply never hangs for hours.
 */
export function networkRetry(attempts = 3, firstDelayMs = 500): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || attempt >= attempts || signal?.aborted) throw err;
        await new Promise((resolve) => setTimeout(resolve, firstDelayMs * 2 ** attempt));
      }
    }
  };
}
