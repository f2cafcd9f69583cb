import type { Handoff } from "../../core/handoff.js";
import { type HandoffAction, transition } from "../../core/handoff-lifecycle.js";
import type { Queryable } from "./database.js";
import { type HandoffActionRecord, listHandoffActions } from "./handoff-audit-store.js";
import { getHandoff } from "./handoff-store.js";

/** Open handoffs posted before `postedBefore` that still lack a reminder or the expiry, oldest first. */
export async function listHandoffsDueForFollowUp(
  q: Queryable,
  due: { remindBefore: Date; expireBefore: Date },
  after: { postedAt: string; id: string } = { postedAt: "-infinity", id: "" },
  limit = 200,
): Promise<{ id: string; postedAt: string }[]> {
  // Only handoffs due for their next step, keyset-paged: ones already reminded but not yet due
  // to expire never crowd out the ones waiting for a reminder.
  const rows = await q.query<{ id: string; posted_at: string }>(
    `SELECT id, posted_at FROM handoffs
     WHERE state = 'open' AND posted_at IS NOT NULL
       AND ((reminded_at IS NULL AND posted_at <= $1) OR (expired_at IS NULL AND posted_at <= $2))
       AND (posted_at, id) > ($3::timestamptz, $4)
     ORDER BY posted_at, id LIMIT $5`,
    [due.remindBefore.toISOString(), due.expireBefore.toISOString(), after.postedAt, after.id, limit],
  );
  return rows.map((r) => ({ id: r.id, postedAt: r.posted_at }));
}

/** Records that the follow-up step ran for a handoff. */
export async function markFollowUp(
  q: Queryable,
  id: string,
  step: "remind" | "expire",
  at: Date,
): Promise<void> {
  const column = step === "remind" ? "reminded_at" : "expired_at";
  await q.query(`UPDATE handoffs SET ${column} = $2 WHERE id = $1`, [id, at.toISOString()]);
}

/** A handoff with what the Slack side knows about it (message location, coordinator, follow-ups). */
export interface SlackHandoff extends Handoff {
  slackChannel?: string;
  slackTs?: string;
  postedAt?: string;
  takenBy?: string;
  takenByName?: string;
  closedReason?: string;
  forwardedFrom?: string;
  remindedAt?: string;
  expiredAt?: string;
  /** A forward a coordinator proposed, waiting for the requester's yes. */
  proposal?: { projectId: string; by: string; at: string };
  /** Coordinators' actions that were applied (who, what, when), oldest first; shown on the message. */
  history?: HandoffActionRecord[];
}

interface SlackColumns {
  slack_channel: string | null;
  slack_ts: string | null;
  posted_at: string | null;
  taken_by: string | null;
  taken_by_name: string | null;
  closed_reason: string | null;
  forwarded_from: string | null;
  reminded_at: string | null;
  expired_at: string | null;
  proposed_project_id: string | null;
  proposed_by: string | null;
  proposed_at: string | null;
}

const SLACK_COLUMNS =
  "slack_channel, slack_ts, posted_at, taken_by, taken_by_name, closed_reason, forwarded_from, reminded_at, expired_at, proposed_project_id, proposed_by, proposed_at";

function withSlack(h: Handoff, r: SlackColumns): SlackHandoff {
  const out: SlackHandoff = { ...h };
  if (r.slack_channel) out.slackChannel = r.slack_channel;
  if (r.slack_ts) out.slackTs = r.slack_ts;
  if (r.posted_at) out.postedAt = r.posted_at;
  if (r.taken_by) out.takenBy = r.taken_by;
  if (r.taken_by_name) out.takenByName = r.taken_by_name;
  if (r.closed_reason) out.closedReason = r.closed_reason;
  if (r.forwarded_from) out.forwardedFrom = r.forwarded_from;
  if (r.reminded_at) out.remindedAt = r.reminded_at;
  if (r.expired_at) out.expiredAt = r.expired_at;
  if (r.proposed_project_id && r.proposed_by && r.proposed_at)
    out.proposal = {
      projectId: r.proposed_project_id,
      by: r.proposed_by,
      at: new Date(r.proposed_at).toISOString(),
    };
  return out;
}

/** Loads a handoff with its Slack columns; `forUpdate` locks the row for the rest of the transaction. */
export async function getSlackHandoff(
  q: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<SlackHandoff | undefined> {
  const rows = await q.query<SlackColumns>(
    `SELECT ${SLACK_COLUMNS} FROM handoffs WHERE id = $1${opts.forUpdate ? " FOR UPDATE" : ""}`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const h = await getHandoff(q, id);
  if (!h) return undefined;
  const out = withSlack(h, row);
  const history = (await listHandoffActions(q, id)).filter((a) => a.outcome === "applied");
  if (history.length > 0) out.history = history;
  return out;
}

/** The handoff whose message (or thread root) is this Slack message. */
export async function findHandoffByMessage(
  q: Queryable,
  channel: string,
  ts: string,
): Promise<SlackHandoff | undefined> {
  const rows = await q.query<{ id: string }>(
    "SELECT id FROM handoffs WHERE slack_channel = $1 AND slack_ts = $2",
    [channel, ts],
  );
  return rows[0] ? getSlackHandoff(q, rows[0].id) : undefined;
}

/**
 * The handoff an earlier message of it belongs to (its message before a forward), for a reply in
 * an old thread: the coordinator is told where the request went.
 */
export async function findHandoffByEarlierMessage(
  q: Queryable,
  channel: string,
  ts: string,
): Promise<SlackHandoff | undefined> {
  const rows = await q.query<{ handoff_id: string }>(
    "SELECT handoff_id FROM slack_posts WHERE channel = $1 AND ts = $2 AND kind = 'handoff'",
    [channel, ts],
  );
  return rows[0] ? getSlackHandoff(q, rows[0].handoff_id) : undefined;
}

/** Records a coordinator's proposal to forward a request; it waits for the requester's answer. */
export async function recordForwardProposal(
  q: Queryable,
  id: string,
  projectId: string,
  by: string,
  now: Date,
): Promise<void> {
  await q.query(
    "UPDATE handoffs SET proposed_project_id = $2, proposed_by = $3, proposed_at = $4 WHERE id = $1",
    [id, projectId, by, now.toISOString()],
  );
}

/** Clears a forward proposal (answered, or overtaken). */
export async function clearForwardProposal(q: Queryable, id: string): Promise<void> {
  await q.query(
    "UPDATE handoffs SET proposed_project_id = NULL, proposed_by = NULL, proposed_at = NULL WHERE id = $1",
    [id],
  );
}

/** Records where the handoff's message was posted (first post sets posted_at for follow-ups). */
export async function recordSlackMessage(
  q: Queryable,
  id: string,
  channel: string,
  ts: string,
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE handoffs SET slack_channel = $2, slack_ts = $3, posted_at = COALESCE(posted_at, $4)
     WHERE id = $1`,
    [id, channel, ts, now.toISOString()],
  );
}

/** Extra fields an action sets. */
export interface ActionFields {
  takenBy?: string;
  takenByName?: string;
  closedReason?: string;
  /** forward: the new project. */
  projectId?: string;
}

export type ActionOutcome =
  | { ok: true; before: SlackHandoff; after: SlackHandoff }
  | { ok: false; reason: "not_found" | "not_allowed"; current?: SlackHandoff };

/**
 * Applies a coordinator's action under a row lock, following core/handoff-lifecycle.ts. Forwarding
 * moves the handoff to another project, clears who took it and detaches the old Slack message.
 */
export async function applyHandoffAction(
  q: Queryable,
  id: string,
  action: HandoffAction,
  fields: ActionFields,
  now: Date,
): Promise<ActionOutcome> {
  const before = await getSlackHandoff(q, id, { forUpdate: true });
  if (!before) return { ok: false, reason: "not_found" };
  const t = transition(before.state, action);
  if (!t.ok) return { ok: false, reason: "not_allowed", current: before };
  const at = now.toISOString();
  if (action === "forward") {
    if (!fields.projectId) throw new Error("forward needs a project id");
    await q.query(
      `UPDATE handoffs SET state = $2, project_id = $3, data = jsonb_set(data, '{projectId}', to_jsonb($3::text)),
         forwarded_from = project_id, taken_by = NULL, taken_by_name = NULL,
         slack_channel = NULL, slack_ts = NULL, posted_at = NULL, reminded_at = NULL, expired_at = NULL,
         proposed_project_id = NULL, proposed_by = NULL, proposed_at = NULL,
         updated_at = $4
       WHERE id = $1`,
      [id, t.to, fields.projectId, at],
    );
  } else {
    await q.query(
      `UPDATE handoffs SET state = $2, updated_at = $3,
         taken_by = COALESCE($4, taken_by), taken_by_name = COALESCE($5, taken_by_name),
         closed_reason = COALESCE($6, closed_reason)
       WHERE id = $1`,
      [id, t.to, at, fields.takenBy ?? null, fields.takenByName ?? null, fields.closedReason ?? null],
    );
  }
  const after = await getSlackHandoff(q, id);
  if (!after) throw new Error("handoff vanished inside its transaction");
  return { ok: true, before, after };
}

/** Open and taken handoffs whose message is in one of these channels, oldest first. */
export async function listActiveHandoffsInChannels(
  q: Queryable,
  channels: readonly string[],
  limit = 50,
): Promise<SlackHandoff[]> {
  if (channels.length === 0) return [];
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM handoffs
     WHERE state IN ('open', 'taken') AND slack_channel = ANY($1::text[])
     ORDER BY created_at, id LIMIT $2`,
    [[...channels], limit],
  );
  const out: SlackHandoff[] = [];
  for (const { id } of rows) {
    const h = await getSlackHandoff(q, id);
    if (h) out.push(h);
  }
  return out;
}
