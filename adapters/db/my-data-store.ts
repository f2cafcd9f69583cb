import type { StoredData } from "../../bot/stored-data.js";
import type { Channel, HandoffState } from "../../core/handoff.js";
import { deletionDue } from "../../core/handoff-lifecycle.js";
import type { Queryable } from "./database.js";
import { listUserHandoffs } from "./handoff-store.js";
import { RELAY_TO_THREAD_TOPIC } from "./outbox-store.js";

/** Everything stored about one chat user, as they may download it (GET /api/chat/mydata). */
export interface MyDataExport {
  exportedAt: string;
  channel: Channel;
  /** The conversation state as stored (answers, language, a request being written), and its expiry. */
  session: { data: unknown; updatedAt: string; expiresAt: string } | null;
  requests: {
    id: string;
    projectId: string;
    projectName?: string;
    state: HandoffState;
    createdAt: string;
    updatedAt: string;
    consentAt: string;
    language: string;
    ageBand?: string;
    focus: string[];
    distanceKm?: number;
    contactMethod: string;
    contactValue?: string;
    message?: string;
    coordinatorName?: string;
    closedReason?: string;
    forwardedFrom?: string;
    deleteBy: string;
    relayedMessages: { text: string; at: string }[];
  }[];
  /** Messages from coordinators kept for the person (web chat inbox). */
  coordinatorMessages: { text: string; at: string; delivered: boolean }[];
}

interface SlackRow {
  id: string;
  taken_by_name: string | null;
  closed_reason: string | null;
  forwarded_from: string | null;
  posted_at: string | null;
  expired_at: string | null;
}

const iso = (v: string | Date | null) => (v === null ? undefined : new Date(v).toISOString());

/** Collects the export; `projectName` resolves project ids against the catalogue. */
export async function collectMyData(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  now: Date,
  projectName: (id: string) => string | undefined = () => undefined,
): Promise<MyDataExport> {
  const sessionRows = await q.query<{ data: unknown; updated_at: string; expires_at: string }>(
    "SELECT data, updated_at, expires_at FROM sessions WHERE channel = $1 AND channel_user_id = $2",
    [channel, channelUserId],
  );
  const s = sessionRows[0];
  const handoffs = await listUserHandoffs(q, channel, channelUserId);
  const ids = handoffs.map((h) => h.id);
  const slack = await q.query<SlackRow>(
    "SELECT id, taken_by_name, closed_reason, forwarded_from, posted_at, expired_at FROM handoffs WHERE id = ANY($1::text[])",
    [ids],
  );
  const relays = await q.query<{ handoff_id: string; text: string; created_at: string }>(
    `SELECT handoff_id, payload->>'text' AS text, created_at FROM outbox
     WHERE topic = $1 AND handoff_id = ANY($2::text[]) AND payload ? 'text' ORDER BY id`,
    [RELAY_TO_THREAD_TOPIC, ids],
  );
  const inbox = await q.query<{ text: string; created_at: string; delivered_at: string | null }>(
    "SELECT text, created_at, delivered_at FROM requester_messages WHERE channel = $1 AND channel_user_id = $2 ORDER BY id",
    [channel, channelUserId],
  );
  const requests = handoffs.map((h) => {
    const extra = slack.find((r) => r.id === h.id);
    const due = deletionDue({
      state: h.state,
      updatedAt: new Date(h.updatedAt),
      postedAt: extra?.posted_at ? new Date(extra.posted_at) : undefined,
      expiredAt: extra?.expired_at ? new Date(extra.expired_at) : undefined,
    });
    const name = projectName(h.projectId);
    return {
      id: h.id,
      projectId: h.projectId,
      ...(name ? { projectName: name } : {}),
      state: h.state,
      createdAt: iso(h.createdAt) ?? h.createdAt,
      updatedAt: iso(h.updatedAt) ?? h.updatedAt,
      consentAt: h.consentAt,
      language: h.language,
      ...(h.ageBand ? { ageBand: h.ageBand } : {}),
      focus: h.focus,
      ...(h.distanceKm !== undefined ? { distanceKm: h.distanceKm } : {}),
      contactMethod: h.contactMethod,
      ...(h.contactValue ? { contactValue: h.contactValue } : {}),
      ...(h.message ? { message: h.message } : {}),
      ...(extra?.taken_by_name ? { coordinatorName: extra.taken_by_name } : {}),
      ...(extra?.closed_reason ? { closedReason: extra.closed_reason } : {}),
      ...(extra?.forwarded_from ? { forwardedFrom: extra.forwarded_from } : {}),
      deleteBy: due.toISOString(),
      relayedMessages: relays
        .filter((r) => r.handoff_id === h.id)
        .map((r) => ({ text: r.text, at: iso(r.created_at) ?? r.created_at })),
    };
  });
  return {
    exportedAt: now.toISOString(),
    channel,
    session: s
      ? { data: s.data, updatedAt: iso(s.updated_at) ?? "", expiresAt: iso(s.expires_at) ?? "" }
      : null,
    requests,
    coordinatorMessages: inbox.map((m) => ({
      text: m.text,
      at: iso(m.created_at) ?? m.created_at,
      delivered: m.delivered_at !== null,
    })),
  };
}

/** The part of the export the dialog engine shows for /mydata (it has the session and handoffs itself). */
export function storedDataOf(data: MyDataExport, downloadUrl?: string): StoredData {
  return {
    handoffs: Object.fromEntries(
      data.requests.map((r) => [
        r.id,
        {
          ...(r.coordinatorName ? { coordinatorName: r.coordinatorName } : {}),
          relayed: r.relayedMessages,
          deleteBy: r.deleteBy,
        },
      ]),
    ),
    inbox: data.coordinatorMessages.map((m) => ({ text: m.text, at: m.at })),
    ...(downloadUrl ? { downloadUrl } : {}),
  };
}
