import { retryDelayMs } from "../../core/handoff-lifecycle.js";
import {
  DEFAULT_CHANNEL_CONCURRENCY,
  type DeliveryFailure,
  OUTBOX_TIME_BUDGET_MS,
} from "../../core/outbox.js";
import type { Database } from "../db/database.js";
import {
  claimOutbox,
  failOutbox,
  markOutboxSent,
  type OutboxRow,
  releaseOutbox,
  renewOutboxLease,
  rescheduleOutbox,
  saveOutboxPayload,
} from "../db/outbox-claim.js";
import { errorFields } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Counter } from "../metrics/registry.js";
import { type DeliveryContext, LeaseLostError, type OutboxKind } from "./outbox-kind.js";

export interface OutboxDrainOptions {
  db: Database;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  /** In-flight deliveries per channel (e.g. `{ slack: 4 }`); a channel not named gets `slotsPerChannel`. */
  concurrency?: Record<string, number>;
  /** In-flight deliveries of each channel not named in `concurrency` (OUTBOX_SLOTS_PER_CHANNEL); default 8. */
  slotsPerChannel?: number;
  /** Poll interval for due rows (retries, other instances' rows); default 3 s. */
  pollMs?: number;
  /** Lease of one claimed row, renewed every third of it while the delivery runs; default 60 s. */
  leaseMs?: number;
  /** First retry delay of a transient failure; doubles per attempt up to 5 minutes. Default 2 s. */
  backoffBaseMs?: number;
  /**
   * After a call that got no answer (a timeout, a dropped connection), the platform may still be
   * working on it: the retry, which first looks for the earlier attempt's effect, waits at least
   * this long, so a post that lands late is found instead of made twice. Set it to the longest
   * call timeout of the channels (SLACK_TIMEOUT_MS); default 10 s.
   */
  unansweredSettleMs?: number;
  /** Give up after this long since the row was queued; default 3 days. */
  budgetMs?: number;
  /**
   * A call still running after this long stops counting against its channel's slots (it keeps its
   * lease and finishes or times out on its own), so a few hanging connections do not stall the
   * queue; at most as many such calls as the channel has slots. Default 3 s.
   */
  slowCallMs?: number;
  /** Counts rows given up, by kind and code (a metric). */
  givenUp?: Counter;
}

interface Lane {
  channel: string;
  inFlight: Set<Promise<void>>;
  /** Calls past `slowCallMs` (they no longer hold a slot). */
  slow: number;
  claiming: Promise<void> | undefined;
  again: boolean;
  pausedUntil: number;
  /** Rate-limit pauses of one scope inside the channel (a Slack channel), until ms since the epoch. */
  scopePauses: Map<string, number>;
  resumeTimer: ReturnType<typeof setTimeout> | undefined;
  resumeAt: number;
}

/**
 * The one drain loop of the outbox. Each registered kind belongs to a channel; each channel has
 * its own slots (so one hanging call holds one slot, not the queue) and its own rate-limit pause.
 * Rows are leased with a token, the lease is renewed while a delivery runs, and a row is marked
 * sent only by the holder of its lease, in the transaction that writes what the delivery produced.
 */
export class OutboxDrain {
  private readonly kinds = new Map<string, OutboxKind>();
  private readonly lanes = new Map<string, Lane>();
  private readonly now: () => Date;
  private readonly log: Logger;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = true;
  /** drainDue calls under way; they work even while the drain is not started. */
  private draining = 0;

  constructor(private readonly opts: OutboxDrainOptions) {
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger.child({ component: "outbox" });
  }

  /** Registers a kind; its channel gets a lane. A kind nobody registered stays queued. */
  register(kind: OutboxKind): void {
    this.kinds.set(kind.kind, kind);
    if (!this.lanes.has(kind.channel)) {
      this.lanes.set(kind.channel, {
        channel: kind.channel,
        inFlight: new Set(),
        slow: 0,
        claiming: undefined,
        again: false,
        pausedUntil: 0,
        scopePauses: new Map(),
        resumeTimer: undefined,
        resumeAt: 0,
      });
    }
  }

  /** Starts polling and drains what is due (resumes rows left by a previous process). */
  start(): void {
    this.stopped = false;
    if (!this.timer) {
      this.timer = setInterval(() => this.wake(), this.opts.pollMs ?? 3000);
      this.timer.unref?.();
    }
    this.wake();
  }

  /**
   * Stops taking work and waits for deliveries in flight, at most `graceMs`; whatever is still
   * running then stays leased in the outbox and is taken again (checked first) after its lease.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const lane of this.lanes.values()) if (lane.resumeTimer) clearTimeout(lane.resumeTimer);
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<"timeout">((resolve) => {
      timeout = setTimeout(() => resolve("timeout"), graceMs);
    });
    const done = this.settled().then(() => "done" as const);
    const outcome = await Promise.race([done, grace]);
    clearTimeout(timeout);
    if (outcome === "timeout")
      this.log.warn(
        { inFlight: this.inFlightCount() },
        "outbox: stopped with deliveries in flight; they stay queued",
      );
  }

  /** Looks for due rows now (after something was queued). */
  wake(): void {
    if (!this.active()) return;
    for (const lane of this.lanes.values()) this.pump(lane);
  }

  /** Resolves when nothing is in flight and no due row is left (tests, a Worker's waitUntil). */
  async idle(): Promise<void> {
    await this.settled();
  }

  /** Works through due rows until none is left, even when not started (a Worker's cron). */
  async drainDue(): Promise<void> {
    this.draining += 1;
    try {
      for (const lane of this.lanes.values()) this.pump(lane);
      await this.settled();
    } finally {
      this.draining -= 1;
    }
  }

  private active(): boolean {
    return !this.stopped || this.draining > 0;
  }

  private inFlightCount(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.inFlight.size;
    return n;
  }

  private async settled(): Promise<void> {
    for (;;) {
      const pending: Promise<unknown>[] = [];
      for (const lane of this.lanes.values()) {
        pending.push(...lane.inFlight);
        if (lane.claiming) pending.push(lane.claiming);
      }
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  private topicsOf(channel: string): string[] {
    return [...this.kinds.values()].filter((k) => k.channel === channel).map((k) => k.kind);
  }

  /** Fills the lane's free slots with due rows; one claim at a time per lane. */
  private pump(lane: Lane): void {
    if (!this.active()) return;
    if (lane.claiming) {
      lane.again = true;
      return;
    }
    const nowMs = this.now().getTime();
    if (lane.pausedUntil > nowMs) return;
    const slots =
      this.opts.concurrency?.[lane.channel] ?? this.opts.slotsPerChannel ?? DEFAULT_CHANNEL_CONCURRENCY;
    const limit = Math.min(slots - (lane.inFlight.size - lane.slow), 2 * slots - lane.inFlight.size);
    if (limit <= 0) return;
    lane.again = false;
    lane.claiming = this.claim(lane, limit)
      .catch((err: unknown) => {
        this.log.error({ channel: lane.channel, err: errorFields(err) }, "outbox: claim failed");
      })
      .finally(() => {
        lane.claiming = undefined;
        if (lane.again) this.pump(lane);
      });
  }

  private async claim(lane: Lane, limit: number): Promise<void> {
    const rows = await claimOutbox(
      this.opts.db,
      this.topicsOf(lane.channel),
      this.now(),
      this.opts.leaseMs ?? 60_000,
      limit,
    );
    for (const row of rows) {
      if (!this.active()) {
        await releaseOutbox(this.opts.db, row, this.now());
        continue;
      }
      const task: Promise<void> = this.process(lane, row)
        .catch((err: unknown) => {
          // The database failed while recording the outcome; the lease runs out and the row is retried.
          this.log.error(
            { outboxId: row.id, kind: row.topic, err: errorFields(err) },
            "outbox: recording failed",
          );
        })
        .finally(() => {
          lane.inFlight.delete(task);
          this.pump(lane);
        });
      lane.inFlight.add(task);
    }
    // A full batch may mean more rows are due.
    if (rows.length === limit) lane.again = true;
  }

  private async process(lane: Lane, row: OutboxRow): Promise<void> {
    const kind = this.kinds.get(row.topic);
    const base = { outboxId: row.id, kind: row.topic, attempt: row.attempts + 1, handoffId: row.handoffId };
    if (!kind) return;
    const leaseMs = this.opts.leaseMs ?? 60_000;
    const db = this.opts.db;
    let lost = false;
    const renew = async (): Promise<boolean> => {
      if (lost) return false;
      const ok = await renewOutboxLease(db, row, new Date(this.now().getTime() + leaseMs));
      if (!ok) lost = true;
      return ok;
    };
    const renewal = setInterval(
      () => {
        renew().catch(() => undefined);
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    renewal.unref?.();
    let slow = false;
    const slowTimer = setTimeout(() => {
      slow = true;
      lane.slow += 1;
      this.pump(lane);
    }, this.opts.slowCallMs ?? 3000);
    slowTimer.unref?.();
    const ctx: DeliveryContext = {
      row,
      log: this.log,
      now: this.now,
      fence: async (scope?: string) => {
        // A 429 seen by another slot pauses the channel (or this scope), also for calls about to be
        // made: the row goes back until then and frees its slot for other work.
        const until = Math.max(lane.pausedUntil, scope ? (lane.scopePauses.get(scope) ?? 0) : 0);
        if (until > this.now().getTime()) throw new PausedError(until);
        if (!(await renew())) throw new LeaseLostError(`outbox row ${row.id} was taken over`);
      },
      saveProgress: async (payload) => {
        if (!(await saveOutboxPayload(db, row, payload)))
          throw new LeaseLostError(`outbox row ${row.id} was taken over`);
        row.payload = payload;
      },
    };
    try {
      let outcome: Awaited<ReturnType<OutboxKind["deliver"]>>;
      try {
        outcome = await kind.deliver(ctx);
      } finally {
        clearInterval(renewal);
        clearTimeout(slowTimer);
        if (slow) lane.slow -= 1;
      }
      const marked = await db.transaction(async (tx) => {
        // Only the lease holder marks the row; a holder that lost it leaves the result to the other.
        if (!(await markOutboxSent(tx, row, this.now()))) return false;
        await outcome.commit?.(tx);
        return true;
      });
      if (!marked) {
        this.log.warn(base, "outbox: row taken over or already sent; result of this attempt dropped");
        return;
      }
      this.log.info(base, "outbox: sent");
      // What the delivery committed may have queued rows for other channels (a requester's notice).
      if (outcome.commit) for (const other of this.lanes.values()) if (other !== lane) this.pump(other);
      await outcome
        .afterCommit?.()
        .catch((err: unknown) =>
          this.log.warn({ ...base, err: errorFields(err) }, "outbox: follow-up after sending failed"),
        );
    } catch (err) {
      if (err instanceof PausedError) {
        await rescheduleOutbox(db, row, {
          availableAt: new Date(err.until),
          error: "paused",
          maybeSent: false,
          countAttempt: false,
        });
        this.scheduleResume(lane, err.until);
        return;
      }
      if (err instanceof LeaseLostError) {
        this.log.warn(base, "outbox: lease lost before sending; the new holder sends");
        return;
      }
      await this.failed(lane, kind, row, err, base);
      for (const other of this.lanes.values()) if (other !== lane) this.pump(other);
    }
  }

  private async failed(
    lane: Lane,
    kind: OutboxKind,
    row: OutboxRow,
    err: unknown,
    base: Record<string, unknown>,
  ): Promise<void> {
    const db = this.opts.db;
    const now = this.now();
    let failure: DeliveryFailure;
    try {
      failure = kind.classify(err);
    } catch {
      failure = { class: "transient", code: "internal", maybeSent: true };
    }
    if (failure.class === "permanent" && failure.fallback) {
      await rescheduleOutbox(db, row, {
        availableAt: now,
        error: failure.code,
        maybeSent: false,
        countAttempt: false,
        payload: failure.fallback,
      });
      this.log.warn({ ...base, code: failure.code }, "outbox: permanent failure, trying the next route");
      this.pump(lane);
      return;
    }
    const spent = now.getTime() - Date.parse(row.createdAt) >= (this.opts.budgetMs ?? OUTBOX_TIME_BUDGET_MS);
    if (failure.class === "permanent" || spent) {
      const code = failure.code;
      const gaveUp = await db.transaction(async (tx) => {
        if (!(await failOutbox(tx, row, now, code))) return false;
        await kind.onGiveUp?.(tx, row, code);
        return true;
      });
      if (gaveUp) {
        this.opts.givenUp?.inc({
          kind: row.topic,
          code: failure.class === "permanent" ? code : "time_budget",
        });
        this.log.error(
          {
            ...base,
            code,
            reason: failure.class === "permanent" ? "permanent" : "time_budget",
            err: errorFields(err),
          },
          "outbox: row given up",
        );
      }
      return;
    }
    if (failure.class === "rate_limited") {
      const until = now.getTime() + failure.retryAfterMs;
      if (failure.scope)
        lane.scopePauses.set(failure.scope, Math.max(lane.scopePauses.get(failure.scope) ?? 0, until));
      else lane.pausedUntil = Math.max(lane.pausedUntil, until);
      await rescheduleOutbox(db, row, {
        availableAt: new Date(until),
        error: failure.code,
        maybeSent: false,
        countAttempt: false,
      });
      this.scheduleResume(lane, until);
      this.log.warn(
        { ...base, retryAfterMs: failure.retryAfterMs, scope: failure.scope ?? "channel" },
        "outbox: rate limited, paused",
      );
      return;
    }
    const backoffMs = retryDelayMs(row.attempts + 1, this.opts.random, this.opts.backoffBaseMs ?? 2000);
    const delayMs = failure.unanswered
      ? Math.max(backoffMs, this.opts.unansweredSettleMs ?? 10_000)
      : backoffMs;
    await rescheduleOutbox(db, row, {
      availableAt: new Date(now.getTime() + delayMs),
      error: failure.code,
      maybeSent: failure.maybeSent,
      countAttempt: true,
    });
    this.log.warn({ ...base, code: failure.code, delayMs }, "outbox: will be retried");
  }

  /** Wakes a paused lane when its Retry-After has passed. */
  private scheduleResume(lane: Lane, at: number = lane.pausedUntil): void {
    if (lane.resumeTimer && lane.resumeAt <= at && lane.resumeAt > this.now().getTime()) return;
    if (lane.resumeTimer) clearTimeout(lane.resumeTimer);
    lane.resumeAt = at;
    const wait = Math.max(0, at - this.now().getTime());
    lane.resumeTimer = setTimeout(() => {
      lane.resumeTimer = undefined;
      this.pump(lane);
    }, wait + 5);
    lane.resumeTimer.unref?.();
  }
}

/** The channel (or the call's scope) is paused by a 429 until `until`; the row waits, uncounted. */
class PausedError extends Error {
  override name = "PausedError";
  constructor(readonly until: number) {
    super("rate-limit pause");
  }
}
