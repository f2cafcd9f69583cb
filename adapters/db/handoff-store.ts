import type { Channel, Handoff, HandoffState, NewHandoff } from "../../core/handoff.js";
import { isActive, WITHDRAWABLE_STATES } from "../../core/handoff-lifecycle.js";
import type { Queryable } from "./database.js";
import { enqueueOutbox } from "./outbox-store.js";

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
): Promise<Handoff[]> {
  const rows = await q.query<HandoffRow>(
    `SELECT ${COLUMNS} FROM handoffs WHERE channel = $1 AND channel_user_id = $2 ORDER BY created_at, id`,
    [channel, channelUserId],
  );
  return rows.map(toHandoff);
}

/** Handoffs by state, for the metrics gauge. */
export async function countHandoffsByState(q: Queryable): Promise<{ state: HandoffState; n: number }[]> {
  const rows = await q.query<{ state: HandoffState; n: number | string }>(
    "SELECT state, count(*) AS n FROM handoffs GROUP BY state ORDER BY state",
  );
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

/**
 * Forgets who asked: clears the user id, removes contact details and free text, and withdraws
 * every handoff not yet done. Coordinators of open or taken ones are told via "handoff.withdrawn".
 * Returns the number of handoffs anonymised.
 */
export async function anonymiseUserHandoffs(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  now: Date,
): Promise<number> {
  const rows = await q.query<{ id: string; previous_state: HandoffState }>(
    `WITH old AS (
       SELECT id, state FROM handoffs WHERE channel = $1 AND channel_user_id = $2 FOR UPDATE
     )
     UPDATE handoffs h SET
       channel_user_id = NULL,
       state = CASE WHEN h.state = ANY($4::text[]) THEN 'withdrawn' ELSE h.state END,
       data = (h.data - 'channelUserId' - 'contactValue' - 'message' - 'origin') #- '{volunteer,interest}',
       updated_at = $3
     FROM old WHERE h.id = old.id
     RETURNING h.id, old.state AS previous_state`,
    [channel, channelUserId, now.toISOString(), WITHDRAWABLE_STATES],
  );
  for (const r of rows) {
    if (isActive(r.previous_state)) {
      await enqueueOutbox(q, "handoff.withdrawn", { handoffId: r.id }, r.id);
    }
  }
  return rows.length;
}
