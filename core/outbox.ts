/**
 * The outbox: everything the app owes someone (a Slack post, a thread reply, a message update, a
 * Telegram message, a web inbox entry) is written as a row in the transaction that caused it, and a
 * drain loop hands each row to the adapter that registered its kind. These are the shared shapes;
 * the drain itself lives in adapters/outbox/.
 */

/** Which adapter delivers a kind; each channel gets its own concurrency slots and rate-limit pause. */
export type OutboxChannel = "slack" | "telegram" | "web" | (string & {});

/** A message to queue. `orderKey` keeps rows of one conversation (chat, handoff) in order. */
export interface OutboxMessage {
  kind: string;
  channel: OutboxChannel;
  payload: Record<string, unknown>;
  handoffId?: string;
  orderKey?: string;
}

/**
 * Why a delivery failed, as the drain needs to know it:
 * - `permanent`: retrying cannot help (400, blocked bot, channel_not_found); `fallback` retries at
 *   once with a changed payload (the next channel in the routing), else the row fails with `code`;
 * - `transient`: 5xx, network, timeouts: back off with jitter, give up only after the time budget;
 * - `rate_limited`: wait `retryAfterMs`; never counts as an attempt. Without `scope` the whole
 *   channel pauses; with one (a Slack channel: posting limits are per channel) only calls that
 *   name that scope wait.
 * `maybeSent` says the failed call may still have taken effect (so the next attempt looks first);
 * `unanswered` says it got no answer at all (a timeout, a dropped connection), so the platform may
 * still be working on it and the look must wait until that call has surely finished.
 */
export type DeliveryFailure =
  | { class: "permanent"; code: string; fallback?: Record<string, unknown> }
  | { class: "transient"; code: string; maybeSent: boolean; unanswered?: boolean }
  | { class: "rate_limited"; code: string; retryAfterMs: number; scope?: string };

/** Give up on a row only after this long (three days), and then visibly. */
export const OUTBOX_TIME_BUDGET_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * In-flight deliveries per channel unless configured otherwise (OUTBOX_SLOTS_PER_CHANNEL). Slack's
 * posting limits are per Slack channel (about one post a second, short bursts allowed) and a 429
 * pauses only posts to that channel, so 8 calls at once stay within what a workspace tolerates.
 */
export const DEFAULT_CHANNEL_CONCURRENCY = 8;

/**
 * Whether a row has used up its time budget (counted from when it was queued), so a failure now
 * gives it up instead of scheduling another attempt.
 */
export function budgetSpent(createdAt: Date, now: Date, budgetMs: number = OUTBOX_TIME_BUDGET_MS): boolean {
  return now.getTime() - createdAt.getTime() >= budgetMs;
}
