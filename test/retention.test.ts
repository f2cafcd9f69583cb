import { expect, it } from "vitest";
import type { Queryable } from "../adapters/db/database.js";
import { insertHandoff } from "../adapters/db/handoff-store.js";
import { enqueueOutbox } from "../adapters/db/outbox-store.js";
import { applyRetention, eraseUserMessages } from "../adapters/db/retention.js";
import { describeEachDatabase } from "./support/databases.js";
import { newHandoff } from "./support/fixtures.js";

const POLICY = { closedHandoffDays: 180, inboxDays: 30, outboxDays: 30 };
const DAY = 24 * 60 * 60 * 1000;

async function inbox(q: Queryable, user: string, text: string, createdAt: Date) {
  await q.query(
    "INSERT INTO requester_messages (channel, channel_user_id, text, created_at) VALUES ('web', $1, $2, $3)",
    [user, text, createdAt.toISOString()],
  );
}

const count = async (q: Queryable, sql: string, params: unknown[] = []) =>
  Number((await q.query<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`, params))[0]?.n);

describeEachDatabase("retention", (ctx) => {
  it("erases a deleting user's inbox and relayed texts, and nobody else's", async () => {
    const db = ctx.db();
    const now = new Date();
    await insertHandoff(db, newHandoff({ id: "h-mine", channel: "web", channelUserId: "me" }));
    await insertHandoff(db, newHandoff({ id: "h-other", channel: "web", channelUserId: "other" }));
    await inbox(db, "me", "Antwort der Koordinatorin", now);
    await inbox(db, "other", "Antwort an jemand anderen", now);
    await enqueueOutbox(db, "handoff.relay", { handoffId: "h-mine", text: "meine Nachricht" }, "h-mine");
    await db.query(
      "UPDATE outbox SET sent_at = now() WHERE handoff_id = 'h-mine' AND topic = 'handoff.created'",
    );
    await enqueueOutbox(db, "handoff.relay", { handoffId: "h-mine", text: "schon gesendet" }, "h-mine");
    await db.query("UPDATE outbox SET sent_at = now() WHERE payload->>'text' = 'schon gesendet'");
    await enqueueOutbox(db, "handoff.relay", { handoffId: "h-other", text: "fremde Nachricht" }, "h-other");

    await db.transaction((tx) => eraseUserMessages(tx, "web", "me"));

    expect(await count(db, "requester_messages WHERE channel_user_id = 'me'")).toBe(0);
    expect(await count(db, "requester_messages WHERE channel_user_id = 'other'")).toBe(1);
    const mine = await db.query<{ payload: Record<string, unknown>; sent_at: string | null }>(
      "SELECT payload, sent_at FROM outbox WHERE handoff_id = 'h-mine' ORDER BY id",
    );
    expect(mine.some((r) => "text" in r.payload)).toBe(false);
    // The unsent relay is gone; the sent one stays as a record, without its text.
    expect(mine).toHaveLength(2);
    expect(mine.every((r) => r.sent_at !== null)).toBe(true);
    expect(await count(db, "outbox WHERE payload->>'text' = 'fremde Nachricht'")).toBe(1);
  });

  it("deletes closed handoffs after the retention period but keeps open ones and recent ones", async () => {
    const db = ctx.db();
    const now = new Date("2027-06-01T00:00:00Z");
    const old = new Date(now.getTime() - 181 * DAY).toISOString();
    const recent = new Date(now.getTime() - 10 * DAY).toISOString();
    for (const [id, state, at] of [
      ["h-done-old", "done", old],
      ["h-withdrawn-old", "withdrawn", old],
      ["h-done-recent", "done", recent],
      ["h-open-old", "open", old],
    ] as const) {
      await insertHandoff(db, newHandoff({ id }));
      await db.query("UPDATE handoffs SET state = $2, updated_at = $3 WHERE id = $1", [id, state, at]);
    }
    await inbox(db, "me", "alt", new Date(now.getTime() - 31 * DAY));
    await inbox(db, "me", "neu", new Date(now.getTime() - 1 * DAY));
    await db.query("UPDATE outbox SET sent_at = $1 WHERE handoff_id = 'h-open-old'", [old]);

    const removed = await applyRetention(db, now, POLICY);

    const left = await db.query<{ id: string }>("SELECT id FROM handoffs ORDER BY id");
    expect(left.map((r) => r.id)).toEqual(["h-done-recent", "h-open-old"]);
    expect(removed.handoffs).toBe(2);
    expect(removed.inbox).toBe(1);
    expect(await count(db, "outbox WHERE handoff_id IN ('h-done-old', 'h-withdrawn-old')")).toBe(0);
    expect(await count(db, "outbox WHERE handoff_id = 'h-open-old'")).toBe(0);
    expect(await count(db, "outbox WHERE handoff_id = 'h-done-recent'")).toBe(1);
  });
});
