import { DEFAULT_FOLLOW_UP, type FollowUpPolicy, followUpDue } from "../../core/handoff-lifecycle.js";
import type { Database, Queryable } from "../db/database.js";
import { enqueueOutbox } from "../db/outbox-store.js";
import { getSlackHandoff, listHandoffsDueForFollowUp, markFollowUp } from "../db/slack-handoff-store.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";

/** Handoffs looked at per query. */
const BATCH = 200;

export interface FollowUpDeps {
  db: Database;
  logger: Logger;
  now: () => Date;
  policy?: FollowUpPolicy;
  /** Wakes the outbox dispatcher when follow-up messages were queued. */
  wake: () => void;
  /** How often the periodic run looks for due handoffs; default 10 minutes. */
  intervalMs?: number;
}

export interface FollowUpCounts {
  reminded: number;
  expired: number;
}

/**
 * Follows up handoffs nobody took over (core/handoff-lifecycle.ts `followUpDue`): after the reminder
 * time a reminder in the thread and one escalation to the default channel, after the give-up time
 * the requester is told and offered other projects (and the thread says so). Each step is recorded
 * (reminded_at, expired_at) in the transaction that queues its outbox rows, so it happens once even
 * with several instances. `runOnce` is what a Worker's scheduled handler calls.
 */
export class FollowUpJob {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<FollowUpCounts> | undefined;
  private readonly policy: FollowUpPolicy;
  private readonly log: Logger;

  constructor(private readonly deps: FollowUpDeps) {
    this.policy = deps.policy ?? DEFAULT_FOLLOW_UP;
    this.log = deps.logger.child({ component: "slack-follow-up" });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => {
        logError(this.log, err, "slack: follow-up run failed");
      });
    }, this.deps.intervalMs ?? 600_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Looks at every open handoff past the reminder time once; concurrent calls share one run. */
  runOnce(): Promise<FollowUpCounts> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<FollowUpCounts> {
    const now = this.deps.now();
    const remindBefore = new Date(now.getTime() - this.policy.reminderHours * 3_600_000);
    const expireBefore = new Date(now.getTime() - this.policy.giveUpDays * 24 * 3_600_000);
    const counts: FollowUpCounts = { reminded: 0, expired: 0 };
    let after: { postedAt: string; id: string } | undefined;
    for (;;) {
      const rows = await listHandoffsDueForFollowUp(
        this.deps.db,
        { remindBefore, expireBefore },
        after,
        BATCH,
      );
      for (const { id } of rows) {
        const steps = await this.deps.db.transaction((tx) => this.followUp(tx, id, now));
        for (const s of steps) counts[s === "remind" ? "reminded" : "expired"] += 1;
      }
      const last = rows.at(-1);
      if (rows.length < BATCH || !last) break;
      after = last;
    }
    if (counts.reminded + counts.expired > 0) {
      this.log.info({ ...counts }, "slack: follow-ups queued");
      this.deps.wake();
    }
    return counts;
  }

  /** Applies every step due for one handoff under its row lock; returns the steps taken. */
  private async followUp(tx: Queryable, id: string, now: Date): Promise<("remind" | "expire")[]> {
    const taken: ("remind" | "expire")[] = [];
    const h = await getSlackHandoff(tx, id, { forUpdate: true });
    if (!h) return taken;
    const state = {
      state: h.state,
      postedAt: h.postedAt ? new Date(h.postedAt) : undefined,
      remindedAt: h.remindedAt ? new Date(h.remindedAt) : undefined,
      expiredAt: h.expiredAt ? new Date(h.expiredAt) : undefined,
    };
    for (let due = followUpDue(state, now, this.policy); due; due = followUpDue(state, now, this.policy)) {
      taken.push(due);
      if (due === "remind") state.remindedAt = now;
      else state.expiredAt = now;
    }
    // Reminder first, so the thread reads in order even when both fell due at once.
    taken.sort((a, b) => (a === b ? 0 : a === "remind" ? -1 : 1));
    for (const due of taken) {
      await markFollowUp(tx, id, due, now);
      if (due === "remind") {
        const hours = Math.round(this.policy.reminderHours);
        await enqueueOutbox(
          tx,
          "slack.thread",
          { handoffId: id, key: "slack.followup.reminder", params: { hours } },
          id,
        );
        await enqueueOutbox(tx, "slack.escalate", { handoffId: id, hours }, id);
      } else {
        await enqueueOutbox(tx, "requester.expired", { handoffId: id }, id);
        await enqueueOutbox(tx, "slack.thread", { handoffId: id, key: "slack.followup.expired" }, id);
      }
    }
    return taken;
  }
}
