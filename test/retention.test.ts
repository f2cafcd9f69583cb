import { expect, it } from "vitest";
import type { Queryable } from "../adapters/db/database.js";
import { insertHandoff } from "../adapters/db/handoff-store.js";
import { enqueueOutbox } from "../adapters/db/outbox-store.js";
import { applyRetention, eraseUserMessages } from "../adapters/db/retention.js";
import type { HandoffState } from "../core/handoff.js";
import { DEFAULT_RETENTION, deletionDue } from "../core/handoff-lifecycle.js";
import { describeEachDatabase } from "./support/databases.js";
import { newHandoff } from "./support/fixtures.js";

const POLICY = { handoffs: DEFAULT_RETENTION, inboxDays: 30, outboxDays: 30 };
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

  it("keeps a relay that may already have reached Slack (without its text), so its post is found and erased", async () => {
    const db = ctx.db();
    await insertHandoff(db, newHandoff({ id: "h-maybe", channel: "web", channelUserId: "me2" }));
    await enqueueOutbox(
      db,
      "handoff.relay",
      { handoffId: "h-maybe", text: "vielleicht gepostet" },
      "h-maybe",
    );
    await db.query("UPDATE outbox SET maybe_sent = true WHERE payload->>'text' = 'vielleicht gepostet'");

    await db.transaction((tx) => eraseUserMessages(tx, "web", "me2"));

    const relays = await db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM outbox WHERE handoff_id = 'h-maybe' AND topic = 'handoff.relay'",
    );
    expect(relays).toEqual([{ payload: { handoffId: "h-maybe" } }]);
  });

  it("queues the erasure of a request's Slack copies before retention deletes it", async () => {
    const db = ctx.db();
    const now = new Date("2027-06-01T00:00:00Z");
    const old = new Date(now.getTime() - 181 * DAY).toISOString();
    const recent = new Date(now.getTime() - 10 * DAY).toISOString();
    for (const [id, at] of [
      ["h-slack-old", old],
      ["h-slack-recent", recent],
    ] as const) {
      await insertHandoff(db, newHandoff({ id }));
      await db.query("UPDATE handoffs SET state = 'done', updated_at = $2 WHERE id = $1", [id, at]);
    }
    await db.query(
      `INSERT INTO slack_posts (handoff_id, channel, ts, kind, posted_at) VALUES
         ('h-slack-old', 'C1', '1.1', 'handoff', now()), ('h-slack-old', 'C1', '1.2', 'relay', now()),
         ('h-slack-recent', 'C1', '3.1', 'handoff', now())`,
    );

    const removed = await applyRetention(db, now, POLICY);

    expect(removed.slackErasures).toBe(2);
    expect(await count(db, "handoffs WHERE id = 'h-slack-old'")).toBe(0);
    expect(await count(db, "slack_posts WHERE handoff_id = 'h-slack-old'")).toBe(0);
    // The erasures outlive the request: they carry what they need and no handoff id column.
    const queued = await db.query<{ handoff_id: string | null; payload: Record<string, unknown> }>(
      "SELECT handoff_id, payload FROM outbox WHERE topic = 'slack.erase' ORDER BY id",
    );
    expect(queued.map((r) => [r.handoff_id, r.payload.ts, r.payload.mode, r.payload.reason])).toEqual([
      [null, "1.2", "delete", "expired"],
      [null, "1.1", "redact", "expired"],
    ]);
    expect(await count(db, "slack_posts WHERE handoff_id = 'h-slack-recent'")).toBe(1);
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

  /** One request in each state the issue found never deleted, plus the closed ones, on an injected clock. */
  const T0 = new Date("2027-01-01T00:00:00Z");
  const at = (days: number) => new Date(T0.getTime() + days * DAY);
  const CASES: {
    id: string;
    state: HandoffState;
    updatedAt: Date;
    postedAt?: Date;
    expiredAt?: Date;
  }[] = [
    { id: "never-posted", state: "open", updatedAt: at(0) },
    { id: "open-posted", state: "open", updatedAt: at(0), postedAt: at(0.01) },
    { id: "open-expired", state: "open", updatedAt: at(0), postedAt: at(0.01), expiredAt: at(6) },
    { id: "open-forwarded", state: "open", updatedAt: at(20) },
    { id: "taken", state: "taken", updatedAt: at(1) },
    { id: "done", state: "done", updatedAt: at(3) },
    { id: "declined", state: "declined", updatedAt: at(2) },
    { id: "withdrawn", state: "withdrawn", updatedAt: at(4) },
  ];

  async function seed(q: Queryable) {
    for (const c of CASES) {
      await insertHandoff(q, newHandoff({ id: c.id, createdAt: T0.toISOString(), channelUserId: c.id }));
      await q.query(
        "UPDATE handoffs SET state = $2, updated_at = $3, posted_at = $4, expired_at = $5 WHERE id = $1",
        [
          c.id,
          c.state,
          c.updatedAt.toISOString(),
          c.postedAt?.toISOString() ?? null,
          c.expiredAt?.toISOString() ?? null,
        ],
      );
    }
  }
  const ids = async (q: Queryable) =>
    (await q.query<{ id: string }>("SELECT id FROM handoffs ORDER BY id")).map((r) => r.id);

  it("deletes a request in every state exactly when its lifecycle says, and not a minute before", async () => {
    const db = ctx.db();
    await seed(db);
    const byDue = [...CASES].sort((a, b) => deletionDue(a).getTime() - deletionDue(b).getTime());
    for (const c of byDue) {
      const due = deletionDue(c);
      expect(due.getTime() - c.updatedAt.getTime()).toBeGreaterThanOrEqual(180 * DAY);
      expect(due.getTime()).toBeLessThan(at(400).getTime());
      await applyRetention(db, new Date(due.getTime() - 60_000), POLICY);
      expect(await ids(db), `${c.id} one minute early`).toContain(c.id);
      await applyRetention(db, new Date(due.getTime() + 60_000), POLICY);
      expect(await ids(db), `${c.id} one minute late`).not.toContain(c.id);
      expect(await count(db, "outbox WHERE handoff_id = $1", [c.id])).toBe(0);
    }
    expect(await ids(db)).toEqual([]);
  });

  it("keeps nothing about any request after ten simulated years of housekeeping", async () => {
    const db = ctx.db();
    await seed(db);
    expect((await applyRetention(db, at(170), POLICY)).handoffs).toBe(0);
    const removed = await applyRetention(db, at(3650), POLICY);
    expect(removed.handoffs).toBe(CASES.length);
    expect(await count(db, "handoffs")).toBe(0);
    expect(await count(db, "outbox")).toBe(0);
  });

  it("an open request expires a week after its post, a taken one 90 days after its last change", () => {
    const open = { state: "open" as const, updatedAt: at(0), postedAt: at(1) };
    expect(deletionDue(open)).toEqual(at(1 + 7 + 180));
    expect(deletionDue({ ...open, expiredAt: at(5) })).toEqual(at(5 + 180));
    expect(deletionDue({ state: "taken", updatedAt: at(2) })).toEqual(at(2 + 90 + 180));
    expect(deletionDue({ state: "done", updatedAt: at(3) })).toEqual(at(3 + 180));
  });
});
