import type { HandoffAction } from "../../core/handoff-lifecycle.js";
import type { Queryable } from "./database.js";

/** What became of a coordinator's action: applied, or why it was refused; a forward is first proposed to the requester. */
export type AuditOutcome =
  | "applied"
  | "not_member"
  | "stale"
  | "not_allowed"
  | "proposed"
  | "requester_declined";

/** One recorded action on a handoff: who (Slack user id), what, when, and with what outcome. */
export interface HandoffActionRecord {
  action: HandoffAction;
  slackUserId: string;
  outcome: AuditOutcome;
  at: string;
}

/** Records an action attempt; deleted together with its handoff (ON DELETE CASCADE). */
export async function recordHandoffAction(
  q: Queryable,
  handoffId: string,
  r: Omit<HandoffActionRecord, "at">,
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO handoff_actions (handoff_id, action, slack_user_id, outcome, at)
     SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM handoffs WHERE id = $1)`,
    [handoffId, r.action, r.slackUserId, r.outcome, now.toISOString()],
  );
}

/** Every recorded action on a handoff, oldest first. */
export async function listHandoffActions(q: Queryable, handoffId: string): Promise<HandoffActionRecord[]> {
  const rows = await q.query<{
    action: HandoffAction;
    slack_user_id: string;
    outcome: AuditOutcome;
    at: string;
  }>("SELECT action, slack_user_id, outcome, at FROM handoff_actions WHERE handoff_id = $1 ORDER BY id", [
    handoffId,
  ]);
  return rows.map((r) => ({
    action: r.action,
    slackUserId: r.slack_user_id,
    outcome: r.outcome,
    at: new Date(r.at).toISOString(),
  }));
}
