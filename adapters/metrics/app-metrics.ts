import type { Queryable } from "../db/database.js";
import { countHandoffsByState } from "../db/handoff-store.js";
import { outboxStats } from "../db/outbox-stats.js";
import { type Counter, Registry } from "./registry.js";

/**
 * The app's metrics. Counters are per process (per isolate on Workers: sum them across instances);
 * handoffs and the outbox are read from the database, so they are the same on every instance.
 */
export interface AppMetrics {
  registry: Registry;
  /** Conversation turns by channel and outcome (handled, duplicate, failed, bot_error). */
  updates: Counter;
  /** Replies the bot produced, by channel. */
  replies: Counter;
  /** HTTP requests by method, route pattern and status. */
  httpRequests: Counter;
  /** Errors: logs at level error or worse, by the component that logged them. */
  errors: Counter;
  /** Connects the database gauges (once the database is open). */
  useDatabase(db: Queryable): void;
}

export function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  let db: Queryable | undefined;
  const metrics: AppMetrics = {
    registry,
    updates: registry.counter("patenschaft_updates_total", "Conversation turns by channel and outcome."),
    replies: registry.counter("patenschaft_replies_total", "Replies produced by the bot, by channel."),
    httpRequests: registry.counter(
      "patenschaft_http_requests_total",
      "HTTP requests by method, route pattern and status.",
    ),
    errors: registry.counter("patenschaft_errors_total", "Errors logged, by component."),
    useDatabase(q) {
      db = q;
    },
  };

  registry.gauge("patenschaft_handoffs", "Handoffs (contact requests) by state.", async () => {
    if (!db) return [];
    return (await countHandoffsByState(db)).map((r) => ({ labels: { state: r.state }, value: r.n }));
  });
  registry.gauge("patenschaft_outbox_backlog", "Outbox rows not yet sent (and not given up).", async () =>
    db ? [{ labels: {}, value: (await outboxStats(db)).backlog }] : [],
  );
  registry.gauge(
    "patenschaft_outbox_oldest_unsent_age_seconds",
    "Age of the oldest unsent outbox row; 0 when the outbox is drained.",
    async () => (db ? [{ labels: {}, value: (await outboxStats(db)).oldestAgeSeconds }] : []),
  );
  registry.gauge("patenschaft_outbox_failed", "Outbox rows given up after permanent errors.", async () =>
    db ? [{ labels: {}, value: (await outboxStats(db)).failed }] : [],
  );
  return metrics;
}
