import { type HandoffState, HandoffStateSchema } from "./handoff.js";
import { HANDOFF_RETENTION_DAYS } from "./retention.js";
import type { State } from "./state.js";

/** What a coordinator (or the requester deleting their data) can do with a handoff. */
export type HandoffAction = "take" | "done" | "decline" | "forward" | "withdraw";

/** The state each action leads to; forwarding keeps the handoff open for the new project. */
const TARGET: Record<HandoffAction, HandoffState> = {
  take: "taken",
  done: "done",
  decline: "declined",
  forward: "open",
  withdraw: "withdrawn",
};

/** From which states each action is allowed. */
const ALLOWED_FROM: Record<HandoffAction, readonly HandoffState[]> = {
  take: ["open"],
  done: ["taken"],
  decline: ["open", "taken"],
  forward: ["open", "taken"],
  withdraw: ["open", "taken", "declined"],
};

export type TransitionResult = { ok: true; to: HandoffState } | { ok: false; reason: "not_allowed" };

/** The lifecycle rule: open → taken → done; open|taken → declined or forwarded (open again). */
export function transition(from: HandoffState, action: HandoffAction): TransitionResult {
  return ALLOWED_FROM[action].includes(from)
    ? { ok: true, to: TARGET[action] }
    : { ok: false, reason: "not_allowed" };
}

/** True while a coordinator still has something to do (buttons shown, reminders due). */
export function isActive(state: HandoffState): boolean {
  return state === "open" || state === "taken";
}

/** States a handoff leaves for "withdrawn" when the requester deletes their data (a done one stays done). */
export const WITHDRAWABLE_STATES: readonly HandoffState[] = ALLOWED_FROM.withdraw;

/** States with nothing left to do; the retention period counts from their last change. */
export const CLOSED_STATES: readonly HandoffState[] = HandoffStateSchema.options.filter((s) => !isActive(s));

/** Which buttons a handoff message shows in a state. */
export function availableActions(state: HandoffState): HandoffAction[] {
  const actions: HandoffAction[] = ["take", "done", "decline", "forward"];
  return actions.filter((a) => transition(state, a).ok);
}

/** Where a handoff goes in Slack, and why (for logs and the message). */
export type RouteResult =
  | { channel: string; via: "project" | "state" | "default" }
  | { channel: undefined; via: "none" };

/** Routing: the project's own channel, else the channel for its Land, else the default channel. */
export function routeHandoff(
  project: { slackChannelId?: string | undefined; state: State } | undefined,
  stateChannels: Partial<Record<State, string>>,
  defaultChannel: string | undefined,
): RouteResult {
  if (project?.slackChannelId) return { channel: project.slackChannelId, via: "project" };
  const byState = project ? stateChannels[project.state] : undefined;
  if (byState) return { channel: byState, via: "state" };
  if (defaultChannel) return { channel: defaultChannel, via: "default" };
  return { channel: undefined, via: "none" };
}

/** Follow-up timing for a handoff nobody took over (see `followUpDue`). */
export interface FollowUpPolicy {
  /** Reminder in the thread and escalation to the default channel after this many hours. */
  reminderHours: number;
  /** After this many days without a coordinator the requester is told and offered other projects. */
  giveUpDays: number;
}

export const DEFAULT_FOLLOW_UP: FollowUpPolicy = { reminderHours: 48, giveUpDays: 7 };

/** The follow-up step due now for an open handoff, given what was already done; undefined if none. */
export function followUpDue(
  h: {
    state: HandoffState;
    postedAt: Date | undefined;
    remindedAt: Date | undefined;
    expiredAt: Date | undefined;
  },
  now: Date,
  policy: FollowUpPolicy = DEFAULT_FOLLOW_UP,
): "remind" | "expire" | undefined {
  if (h.state !== "open" || !h.postedAt) return undefined;
  const age = now.getTime() - h.postedAt.getTime();
  if (!h.expiredAt && age >= policy.giveUpDays * 24 * 3_600_000) return "expire";
  if (!h.remindedAt && age >= policy.reminderHours * 3_600_000) return "remind";
  return undefined;
}

/** Exponential backoff with full jitter for outbox retries: base·2^(attempt-1), capped, random in [½, 1]. */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 1000,
  capMs = 300_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * How long a contact request lives, whatever happens to it (the consent promises 180 days):
 *
 *   open (posted or never posted) ──(nobody took it over for `openExpireDays`)──▶ expired ─┐
 *   taken ──────────────────────────(no change for `takenExpireDays`)───────────▶ expired ─┤
 *   done | declined | withdrawn ────(when the change happened)──────────────────▶ closed  ─┴─▶
 *   deleted `deleteAfterDays` after it closed or expired.
 *
 * A request that is never answered, never posted (Slack down or not configured) or taken and
 * forgotten is therefore deleted too; nothing waits for a coordinator to press a button.
 */
export interface RetentionPolicy {
  /** An open request nobody took over expires this many days after it was posted, created or forwarded (the latest). */
  openExpireDays: number;
  /** A taken request without any change for this many days counts as expired. */
  takenExpireDays: number;
  /** Everything about a request is deleted this many days after it closed or expired. */
  deleteAfterDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  openExpireDays: DEFAULT_FOLLOW_UP.giveUpDays,
  takenExpireDays: 90,
  deleteAfterDays: HANDOFF_RETENTION_DAYS,
};

const DAY_MS = 24 * 3_600_000;

/** What the retention lifecycle needs to know about a request. */
export interface RetentionFacts {
  state: HandoffState;
  /** The last change of state (creation, take-over, forward, close). */
  updatedAt: Date;
  postedAt?: Date | undefined;
  /** Set when the follow-up told the requester nobody took it over. */
  expiredAt?: Date | undefined;
}

/** When the request closed or expired (possibly in the future), and which of the two. */
export function retentionEnd(
  h: RetentionFacts,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): { at: Date; why: "closed" | "expired" } {
  switch (h.state) {
    case "done":
    case "declined":
    case "withdrawn":
      return { at: h.updatedAt, why: "closed" };
    case "taken":
      return { at: new Date(h.updatedAt.getTime() + policy.takenExpireDays * DAY_MS), why: "expired" };
    case "open": {
      // A forward re-opens the request (updated_at) and clears the post, so the later of the two counts.
      const posted = h.postedAt && h.postedAt > h.updatedAt ? h.postedAt : h.updatedAt;
      const byAge = new Date(posted.getTime() + policy.openExpireDays * DAY_MS);
      const at = h.expiredAt && h.expiredAt < byAge ? h.expiredAt : byAge;
      return { at, why: "expired" };
    }
  }
}

/** The moment everything about the request must be gone. */
export function deletionDue(h: RetentionFacts, policy: RetentionPolicy = DEFAULT_RETENTION): Date {
  return new Date(retentionEnd(h, policy).at.getTime() + policy.deleteAfterDays * DAY_MS);
}
