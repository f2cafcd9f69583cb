import { randomUUID } from "node:crypto";
import type { Database } from "../../adapters/db/database.js";
import { insertHandoff } from "../../adapters/db/handoff-store.js";
import type { NewHandoff } from "../../core/handoff.js";
import type { SlackStandIn, StoredMessage } from "./slack-stand-in.js";

/** Project ids from the sample catalogue for each routing branch. */
export const PROJECTS = {
  /** Has its own channel C0SAMPLE02. */
  withChannel: "lesefuechse-koeln-neustadt-nord-2sd6",
  /** NW, no own channel → the Land channel. */
  nwWithout: "berufspaten-versmold-ux7p",
  /** BY, no own channel and no Land channel configured → default. */
  byWithout: "hausaufgabenpaten-moenchberg-gcgf",
} as const;

export const CHANNELS = { project: "C0SAMPLE02", nw: "C0STATENW", fallback: "C0DEFAULT" } as const;

let nextUser = 5_000;

/** Stores a handoff with its outbox row, as a conversation turn would (same transaction). */
export async function createHandoff(db: Database, over: Partial<NewHandoff> = {}): Promise<NewHandoff> {
  const now = new Date().toISOString();
  const h: NewHandoff = {
    id: randomUUID(),
    kind: "family",
    projectId: PROJECTS.withChannel,
    channel: "telegram",
    channelUserId: String(nextUser++),
    language: "ar",
    ageBand: "6-9",
    focus: ["reading"],
    distanceKm: 1.8,
    contactMethod: "chat",
    message: "Hallo <!channel> @here <@U0COORD2> & <https://evil.example|klick>",
    consentAt: now,
    createdAt: now,
    ...over,
  };
  await db.transaction((tx) => insertHandoff(tx, h));
  return h;
}

/** Top-level messages the stand-in holds for one handoff (by the metadata we attach). */
export function postsOf(standIn: SlackStandIn, handoffId: string): StoredMessage[] {
  return standIn.messages.filter((m) => !m.thread_ts && m.metadata?.event_payload.handoff_id === handoffId);
}

/** All mrkdwn/plain text in a message's blocks, joined, for assertions. */
export function blockText(blocks: unknown[] | undefined): string {
  return JSON.stringify(blocks ?? []);
}
