import { DEFAULT_RETENTION } from "../core/handoff-lifecycle.js";
import { HANDOFF_RETENTION_DAYS } from "../core/retention.js";
import type { Config } from "./config.js";
import { DELETION_LOG_DAYS, pruneCatalogueDeletions } from "./db/catalogue-changes.js";
import { pruneProcessedUpdates, purgeExpiredSessions } from "./db/conversation-store.js";
import type { Queryable } from "./db/database.js";
import { pruneNewVisitorCounts } from "./db/new-visitor-store.js";
import { applyRetention } from "./db/retention.js";
import { purgeOrphanPushSubscriptions } from "./db/web-push-store.js";
import { purgeOrphanTranscripts } from "./db/web-transcript-store.js";

/**
 * Removes what has outlived its purpose: expired sessions, old update ids, and what the retention
 * policy says to delete (requests in every state: core/handoff-lifecycle.ts). Run at start and then
 * hourly (Node: a timer; Worker: the cron trigger). Returns the counts.
 */
export async function runHousekeeping(
  db: Queryable,
  config: Pick<Config, "SESSION_TTL_DAYS">,
  now: Date,
): Promise<Record<string, number>> {
  const [sessions, updates, visitorCounts, retention] = await Promise.all([
    purgeExpiredSessions(db, now),
    pruneProcessedUpdates(db, now),
    pruneNewVisitorCounts(db, now),
    applyRetention(db, now, {
      handoffs: { ...DEFAULT_RETENTION, deleteAfterDays: HANDOFF_RETENTION_DAYS },
      inboxDays: config.SESSION_TTL_DAYS,
      outboxDays: config.SESSION_TTL_DAYS,
    }),
  ]);
  // After the sessions went: a web transcript lives exactly as long as its visitor's session.
  const transcripts = await purgeOrphanTranscripts(db);
  const pushSubscriptions = await purgeOrphanPushSubscriptions(db);
  const catalogueDeletions = await pruneCatalogueDeletions(
    db,
    new Date(now.getTime() - DELETION_LOG_DAYS * 24 * 60 * 60 * 1000),
  );
  return {
    sessions,
    updates,
    visitorCounts,
    ...retention,
    transcripts,
    pushSubscriptions,
    catalogueDeletions,
  };
}
