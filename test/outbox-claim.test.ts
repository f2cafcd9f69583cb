import { expect, it } from "vitest";
import {
  claimOutbox,
  failOutbox,
  markOutboxSent,
  renewOutboxLease,
  rescheduleOutbox,
} from "../adapters/db/outbox-claim.js";
import { enqueueMessage } from "../adapters/db/outbox-store.js";
import { describeEachDatabase } from "./support/databases.js";

/** The outbox's storage contract, on PGlite and PostgreSQL alike. */
describeEachDatabase("outbox claims", (ctx) => {
  const queue = (kind: string, orderKey?: string) =>
    enqueueMessage(ctx.db(), {
      kind,
      channel: "telegram",
      payload: { n: 1 },
      ...(orderKey ? { orderKey } : {}),
    });
  // A few ms ahead: rows get the database's now() in microseconds, a JS Date has milliseconds, so
  // a row queued within the same millisecond would otherwise not be due yet.
  const now = () => new Date(Date.now() + 5);

  it("leases a row to one holder; a second claim gets nothing until the lease runs out", async () => {
    await queue("telegram.message");
    const [a] = await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10);
    expect(a?.leaseToken).toBeTruthy();
    expect(await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10)).toEqual([]);
    const later = new Date(Date.now() + 61_000);
    const [b] = await claimOutbox(ctx.db(), ["telegram.message"], later, 60_000, 10);
    expect(b?.id).toBe(a?.id);
    // The row's first holder died mid-attempt: the second claim treats it as maybe sent.
    expect(b?.maybeSent).toBe(true);
  });

  it("fences a holder whose lease was taken over: no renewal, no marking", async () => {
    await queue("telegram.message");
    const [a] = await claimOutbox(ctx.db(), ["telegram.message"], now(), 10, 10);
    if (!a) throw new Error("nothing claimed");
    const [b] = await claimOutbox(ctx.db(), ["telegram.message"], new Date(Date.now() + 1000), 60_000, 10);
    if (!b) throw new Error("not taken over");
    expect(await renewOutboxLease(ctx.db(), a, new Date(Date.now() + 60_000))).toBe(false);
    expect(await markOutboxSent(ctx.db(), a, now())).toBe(false);
    expect(await renewOutboxLease(ctx.db(), b, new Date(Date.now() + 60_000))).toBe(true);
    expect(await markOutboxSent(ctx.db(), b, now())).toBe(true);
    // Already sent: a second mark (even by the holder) is refused.
    expect(await markOutboxSent(ctx.db(), b, now())).toBe(false);
  });

  it("keeps rows of one order key in order: the second waits until the first is sent or given up", async () => {
    await queue("telegram.message", "telegram:1");
    await queue("telegram.message", "telegram:1");
    await queue("telegram.message", "telegram:2");
    const first = await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10);
    expect(first.map((r) => r.payload.n)).toHaveLength(2);
    const one = first[0];
    if (!one) throw new Error("nothing claimed");
    expect(await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10)).toEqual([]);
    await failOutbox(ctx.db(), one, now(), "tg_403");
    const next = await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10);
    expect(next).toHaveLength(1);
    expect(Number(next[0]?.id)).toBeGreaterThan(Number(one.id));
  });

  it("counts a transient failure as an attempt but not a 429", async () => {
    await queue("telegram.message");
    const [a] = await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10);
    if (!a) throw new Error("nothing claimed");
    await rescheduleOutbox(ctx.db(), a, {
      availableAt: now(),
      error: "rate_limited",
      maybeSent: false,
      countAttempt: false,
    });
    const [b] = await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10);
    if (!b) throw new Error("nothing claimed");
    expect(b.attempts).toBe(0);
    await rescheduleOutbox(ctx.db(), b, {
      availableAt: now(),
      error: "http_500",
      maybeSent: true,
      countAttempt: true,
    });
    const [c] = await claimOutbox(ctx.db(), ["telegram.message"], now(), 60_000, 10);
    expect(c?.attempts).toBe(1);
    expect(c?.maybeSent).toBe(true);
    expect(c?.firstAttemptAt).toBe(a.firstAttemptAt);
  });
});
