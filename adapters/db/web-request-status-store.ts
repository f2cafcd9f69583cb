import type { HandoffState } from "../../core/handoff.js";
import type { Queryable } from "./database.js";

/** What a web visitor may see about their newest request (no contact data, no message texts). */
export interface WebRequestStatus {
  handoffId: string;
  projectId: string;
  state: HandoffState;
  contactMethod: string;
  /** The coordinator's display name once someone took the request over. */
  takenByName?: string;
  createdAt: string;
  /** When the newest coordinator message for this visitor arrived, if any. */
  lastMessageAt?: string;
}

/** The visitor's newest request from the web chat, if they made one. */
export async function latestWebRequest(
  q: Queryable,
  visitorId: string,
): Promise<WebRequestStatus | undefined> {
  const rows = await q.query<{
    id: string;
    project_id: string;
    state: HandoffState;
    contact_method: string | null;
    taken_by_name: string | null;
    created_at: string | Date;
    last_message_at: string | Date | null;
  }>(
    `SELECT h.id, h.project_id, h.state, h.data->>'contactMethod' AS contact_method, h.taken_by_name, h.created_at,
       (SELECT max(m.created_at) FROM requester_messages m
        WHERE m.channel = 'web' AND m.channel_user_id = $1) AS last_message_at
     FROM handoffs h
     WHERE h.channel = 'web' AND h.channel_user_id = $1
     ORDER BY h.created_at DESC LIMIT 1`,
    [visitorId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    handoffId: r.id,
    projectId: r.project_id,
    state: r.state,
    contactMethod: r.contact_method ?? "chat",
    ...(r.taken_by_name ? { takenByName: r.taken_by_name } : {}),
    createdAt: new Date(r.created_at).toISOString(),
    ...(r.last_message_at ? { lastMessageAt: new Date(r.last_message_at).toISOString() } : {}),
  };
}

/** The language of a web visitor's conversation, if their session lives. */
export async function webSessionLanguage(q: Queryable, visitorId: string): Promise<string | undefined> {
  const rows = await q.query<{ language: string | null }>(
    "SELECT language FROM sessions WHERE channel = 'web' AND channel_user_id = $1",
    [visitorId],
  );
  return rows[0]?.language ?? undefined;
}
