import type { Channel, Handoff, HandoffState, NewHandoff, UserHandoff } from "../../core/handoff.js";
import { WITHDRAWABLE_STATES } from "../../core/handoff-lifecycle.js";
import type { Queryable, Statement } from "./database.js";
import { enqueueOutbox } from "./outbox-store.js";
import { type ErasureNotice, queueSlackErasure } from "./slack-post-store.js";

interface HandoffRow {
  id: string;
  channel: Channel;
  channel_user_id: string | null;
  project_id: string;
  kind: Handoff["kind"];
  state: HandoffState;
  data: NewHandoff;
  created_at: string;
  updated_at: string;
}

const COLUMNS = "id, channel, channel_user_id, project_id, kind, state, data, created_at, updated_at";

/** Columns win over the jsonb copy; an anonymised handoff has an empty channelUserId. */
function toHandoff(r: HandoffRow): Handoff {
  return {
    ...r.data,
    id: r.id,
    channel: r.channel,
    channelUserId: r.channel_user_id ?? "",
    projectId: r.project_id,
    kind: r.kind,
    state: r.state,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Stores a new contact request (state open) and queues "handoff.created" in the same transaction. */
export async function insertHandoff(q: Queryable, h: NewHandoff): Promise<void> {
  await q.query(
    `INSERT INTO handoffs (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5, 'open', $6::jsonb, $7, $7)`,
    [h.id, h.channel, h.channelUserId, h.projectId, h.kind, JSON.stringify(h), h.createdAt],
  );
  await enqueueOutbox(q, "handoff.created", { handoffId: h.id }, h.id);
}

export async function getHandoff(q: Queryable, id: string): Promise<Handoff | undefined> {
  const rows = await q.query<HandoffRow>(`SELECT ${COLUMNS} FROM handoffs WHERE id = $1`, [id]);
  const row = rows[0];
  return row && toHandoff(row);
}

/** The user's own (not anonymised) handoffs, oldest first. */
export async function listUserHandoffs(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
): Promise<UserHandoff[]> {
  const s = listUserHandoffsStatement(channel, channelUserId);
  return userHandoffsFromRows(await q.query(s.text, s.params));
}

/** `listUserHandoffs` as a statement for a batch; its rows go to `userHandoffsFromRows`. */
export function listUserHandoffsStatement(channel: Channel, channelUserId: string): Statement {
  return {
    text: `SELECT ${COLUMNS}, proposed_project_id, proposed_at,
       EXISTS (SELECT 1 FROM slack_posts p WHERE p.handoff_id = handoffs.id AND p.erased_at IS NULL) AS in_slack
     FROM handoffs WHERE channel = $1 AND channel_user_id = $2 ORDER BY created_at, id`,
    params: [channel, channelUserId],
  };
}

export function userHandoffsFromRows(rows: readonly unknown[]): UserHandoff[] {
  return (
    rows as (HandoffRow & {
      in_slack: boolean;
      proposed_project_id: string | null;
      proposed_at: string | null;
    })[]
  ).map((r) => {
    const h: UserHandoff = toHandoff(r);
    if (r.in_slack) h.inSlack = true;
    if (r.proposed_project_id && r.proposed_at)
      h.forwardProposal = {
        projectId: r.proposed_project_id,
        proposedAt: new Date(r.proposed_at).toISOString(),
      };
    return h;
  });
}

/** Handoffs by state, for the metrics gauge. */
export async function countHandoffsByState(q: Queryable): Promise<{ state: HandoffState; n: number }[]> {
  const rows = await q.query<{ state: HandoffState; n: number | string }>(
    "SELECT state, count(*) AS n FROM handoffs GROUP BY state ORDER BY state",
  );
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

/**
 * Forgets who asked: clears the user id, removes contact details, free text and a pending forward
 * proposal, and withdraws every handoff not yet done. What Slack holds of them is erased through the
 * outbox (`queueSlackErasure`): each request's message is redacted (it then says the request was
 * withdrawn and its data deleted) and every relayed message deleted; the last erasure tells the
 * person (`notice`) that everything is gone. Returns the handoffs anonymised and the erasures queued.
 */
export async function anonymiseUserHandoffs(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  now: Date,
  notice?: ErasureNotice,
): Promise<{ anonymised: number; slackErasures: number }> {
  const rows = await q.query<{ id: string }>(
    `WITH old AS (
       SELECT id FROM handoffs WHERE channel = $1 AND channel_user_id = $2 ORDER BY id FOR UPDATE
     )
     UPDATE handoffs h SET
       channel_user_id = NULL,
       state = CASE WHEN h.state = ANY($4::text[]) THEN 'withdrawn' ELSE h.state END,
       data = (h.data - 'channelUserId' - 'contactValue' - 'message' - 'origin') #- '{volunteer,interest}',
       proposed_project_id = NULL, proposed_by = NULL, proposed_at = NULL,
       updated_at = $3
     FROM old WHERE h.id = old.id
     RETURNING h.id`,
    [channel, channelUserId, now.toISOString(), WITHDRAWABLE_STATES],
  );
  const ids = rows.map((r) => r.id).sort();
  const slackErasures = await queueSlackErasure(q, ids, "deleted", notice);
  return { anonymised: rows.length, slackErasures };
}
