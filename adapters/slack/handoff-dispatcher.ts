import { webApi } from "@slack/bolt";
import { translator } from "../../bot/i18n.js";
import { retryDelayMs, routeHandoff } from "../../core/handoff-lifecycle.js";
import { escapeMrkdwn } from "../../core/mrkdwn.js";
import type { Project } from "../../core/project.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { State } from "../../core/state.js";
import type { Database, Queryable } from "../db/database.js";
import {
  claimOutbox,
  failOutbox,
  markOutboxSent,
  type OutboxRow,
  rescheduleOutbox,
} from "../db/outbox-claim.js";
import { getSlackHandoff, recordSlackMessage, type SlackHandoff } from "../db/slack-handoff-store.js";
import type { Logger } from "../logger.js";
import type { RequesterNotifier } from "../notifier.js";
import { renderHandoffBlocks } from "./handoff-blocks.js";
import { errorFields } from "./hono-receiver.js";
import { findEarlierPost, HANDOFF_EVENT_TYPE, postOnce } from "./post-once.js";
import { alternativesFor, expiredText, requesterRelayText, threadRelayText } from "./relay-texts.js";
import { slackTranslator } from "./slack-texts.js";

export { HANDOFF_EVENT_TYPE, THREAD_EVENT_TYPE } from "./post-once.js";

/** Outbox topics this dispatcher drains. */
export const DISPATCHED_TOPICS = [
  "handoff.created",
  "handoff.forwarded",
  "handoff.withdrawn",
  "slack.refresh",
  "requester.notify",
  "handoff.relay",
  "requester.relay",
  "requester.expired",
  "slack.thread",
  "slack.escalate",
] as const;

/** What the requester is told (i18n key handoff.update.<event>). */
export type RequesterEvent = "taken" | "done" | "declined" | "forwarded";

export interface DispatcherDeps {
  db: Database;
  client: webApi.WebClient;
  catalogue: () => Catalogue;
  notifier: RequesterNotifier;
  logger: Logger;
  stateChannels: Partial<Record<State, string>>;
  defaultChannel: string | undefined;
  now?: () => Date;
  random?: () => number;
  /** Poll interval for due rows (retries, other instances' rows); default 3 s. */
  pollMs?: number;
  /** How long a claimed row is reserved for one attempt; default 60 s (well above the HTTP timeout). */
  leaseMs?: number;
  /** First retry delay; doubles per attempt up to 5 minutes. Default 2 s. */
  backoffBaseMs?: number;
  /** After this many attempts a row is given up (kept, marked failed). Default 25. */
  maxAttempts?: number;
}

/** What a delivered row still has to write, in the transaction that marks it sent. */
type Outcome = { commit: (tx: Queryable) => Promise<void> };

/**
 * Drains the outbox: posts handoffs into their Slack channel, updates handoff messages, and tells
 * requesters about changes. Each row is leased with FOR UPDATE SKIP LOCKED, so several instances
 * can run; Slack 429 waits Retry-After, 5xx and network errors back off exponentially with jitter.
 *
 * Exactly once: the message ts is written in the same transaction that marks the row sent. If the
 * process dies (or the answer is lost) between Slack accepting a post and that commit, the row
 * comes back after its lease with attempts > 1; before posting again the dispatcher looks through
 * the channel's recent history for a message whose metadata carries this row's outbox id, and
 * records that one instead. Rows that only ever saw 429 skip the look-up (a 429 never posts); a row
 * whose attempt died mid-way ('in_flight' left behind) or saw a 5xx/network error always looks.
 */
export class HandoffDispatcher {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;
  private pausedUntil = 0;
  private again = false;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly deps: DispatcherDeps) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.logger.child({ component: "slack-dispatcher" });
  }

  /** Resumes pending rows and polls for due ones. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.deps.pollMs ?? 3000);
    this.timer.unref?.();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Drains soon (after a handoff was created or changed). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when the current drain has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Processes every due row once; returns how many were claimed. After a 429 the whole batch waits
   * (Slack limits per method and workspace), and nothing is claimed until Retry-After has passed.
   */
  async drainOnce(limit = 10): Promise<number> {
    if (this.pausedUntil > this.now().getTime()) return 0;
    const rows = await claimOutbox(
      this.deps.db,
      DISPATCHED_TOPICS,
      this.now(),
      this.deps.leaseMs ?? 60_000,
      limit,
    );
    for (const row of rows) {
      if (this.pausedUntil > this.now().getTime()) {
        await rescheduleOutbox(this.deps.db, row.id, new Date(this.pausedUntil), "paused", false);
        continue;
      }
      await this.process(row);
    }
    return rows.length;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        while ((await this.drainOnce()) > 0) {
          // keep going while rows are due
        }
      } catch (err) {
        this.log.error({ err: errorFields(err) }, "slack: outbox drain failed");
      }
    } while (this.again);
  }

  private async process(row: OutboxRow): Promise<void> {
    const base = { outboxId: row.id, topic: row.topic, attempt: row.attempts, handoffId: row.handoffId };
    try {
      const outcome = await this.deliver(row);
      await this.deps.db.transaction(async (tx) => {
        await outcome.commit(tx);
        await markOutboxSent(tx, row.id, this.now());
      });
      this.log.info(base, "slack: outbox row sent");
    } catch (err) {
      const { code, delayMs, maybeSent } = this.classify(err, row.attempts);
      const max = this.deps.maxAttempts ?? 25;
      if (delayMs === undefined || row.attempts >= max) {
        await failOutbox(this.deps.db, row.id, this.now(), code);
        this.log.error({ ...base, code, err: errorFields(err) }, "slack: outbox row given up");
        return;
      }
      if (code === "rate_limited") this.pausedUntil = this.now().getTime() + delayMs;
      await rescheduleOutbox(this.deps.db, row.id, new Date(this.now().getTime() + delayMs), code, maybeSent);
      this.log.warn({ ...base, code, delayMs }, "slack: outbox row will be retried");
    }
  }

  /**
   * A short error code for the row, when to retry (undefined: never), and whether the failed call
   * may still have taken effect: a 429 or a Slack error answer never posts; a 5xx or a lost
   * connection might have.
   */
  private classify(
    err: unknown,
    attempt: number,
  ): { code: string; delayMs: number | undefined; maybeSent: boolean } {
    const backoff = retryDelayMs(attempt, this.deps.random, this.deps.backoffBaseMs ?? 2000);
    if (err instanceof webApi.WebAPIRateLimitedError)
      return { code: "rate_limited", delayMs: err.retryAfter * 1000, maybeSent: false };
    if (err instanceof webApi.WebAPIHTTPError)
      return { code: `http_${err.statusCode}`, delayMs: backoff, maybeSent: true };
    if (err instanceof webApi.WebAPIRequestError)
      return { code: "network", delayMs: backoff, maybeSent: true };
    if (err instanceof webApi.WebAPIPlatformError)
      return { code: `slack_${err.data.error}`, delayMs: Math.max(backoff, 60_000), maybeSent: false };
    if (err instanceof PermanentError) return { code: err.code, delayMs: undefined, maybeSent: false };
    if (err instanceof NotPostedYetError) return { code: "not_posted", delayMs: backoff, maybeSent: false };
    return { code: "internal", delayMs: backoff, maybeSent: true };
  }

  private async deliver(row: OutboxRow): Promise<Outcome> {
    const nothing: Outcome = { commit: async () => undefined };
    const handoffId = row.handoffId ?? (row.payload.handoffId as string | undefined);
    if (!handoffId) throw new PermanentError("no_handoff");
    const h = await getSlackHandoff(this.deps.db, handoffId);
    if (!h) return nothing;
    switch (row.topic) {
      case "handoff.created":
      case "handoff.forwarded":
        return this.post(row, h);
      case "handoff.withdrawn":
        if (h.slackChannel && h.slackTs) await this.update(h, h.slackChannel, h.slackTs);
        return nothing;
      case "slack.refresh": {
        const { channel, ts, forwardedTo } = row.payload as {
          channel?: string;
          ts?: string;
          forwardedTo?: string;
        };
        if (!channel || !ts) throw new PermanentError("bad_payload");
        await this.update(h, channel, ts, forwardedTo);
        return nothing;
      }
      case "requester.notify": {
        const event = row.payload.event as RequesterEvent;
        await this.notify(h, event);
        return nothing;
      }
      case "handoff.relay":
        // Not after the requester deleted their data (the text is theirs).
        if (!h.channelUserId) return nothing;
        await this.threadReply(row, h, threadRelayText(String(row.payload.text ?? "")));
        return nothing;
      case "slack.thread": {
        const { key, params } = row.payload as { key?: string; params?: Record<string, unknown> };
        if (!key?.startsWith("slack.")) throw new PermanentError("bad_payload");
        await this.threadReply(row, h, slackTranslator("de")(key, params ?? {}));
        return nothing;
      }
      case "slack.escalate":
        await this.escalate(row, h);
        return nothing;
      case "requester.relay":
        await this.relayToRequester(row, h);
        return nothing;
      case "requester.expired": {
        if (!h.channelUserId) return nothing;
        const project = this.project(h.projectId);
        const others = alternativesFor(h, this.deps.catalogue(), project);
        await this.deps.notifier.notifyRequester(h.channel, h.channelUserId, expiredText(h, project, others));
        return nothing;
      }
      default:
        throw new PermanentError("unknown_topic");
    }
  }

  private project(id: string | undefined): Project | undefined {
    return id ? this.deps.catalogue().get(id) : undefined;
  }

  private render(h: SlackHandoff, forwardedTo?: string) {
    return renderHandoffBlocks(h, {
      project: this.project(h.projectId),
      forwardedFrom: this.project(h.forwardedFrom),
      forwardedTo: this.project(forwardedTo),
      t: slackTranslator("de"),
      language: "de",
    });
  }

  private async post(row: OutboxRow, h: SlackHandoff): Promise<Outcome> {
    const route = routeHandoff(this.project(h.projectId), this.deps.stateChannels, this.deps.defaultChannel);
    if (!route.channel) throw new PermanentError("no_channel");
    const channel = route.channel;
    const record = (ts: string): Outcome => ({
      commit: (tx) => recordSlackMessage(tx, h.id, channel, ts, this.now()),
    });
    if (row.maybeSent) {
      const earlier = await findEarlierPost(this.deps.client, channel, row);
      if (earlier) {
        this.log.warn({ outboxId: row.id, handoffId: h.id }, "slack: earlier post found, not posting again");
        return record(earlier);
      }
    }
    const { text, blocks } = this.render(h);
    const res = await this.deps.client.chat.postMessage({
      channel,
      text,
      blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: HANDOFF_EVENT_TYPE, event_payload: { handoff_id: h.id, outbox_id: row.id } },
    });
    if (!res.ts) throw new Error("chat.postMessage answered without ts");
    this.log.info({ handoffId: h.id, channel, via: route.via }, "slack: handoff posted");
    return record(res.ts);
  }

  /** A reply in the handoff's thread; waits (retries) until the handoff message itself is posted. */
  private async threadReply(row: OutboxRow, h: SlackHandoff, text: string): Promise<void> {
    if (!h.slackChannel || !h.slackTs) throw new NotPostedYetError();
    await postOnce(this.deps.client, this.log, row, h.id, h.slackChannel, text, h.slackTs);
  }

  /** The escalation of a handoff nobody took over, posted to the default channel with a link. */
  private async escalate(row: OutboxRow, h: SlackHandoff): Promise<void> {
    const channel = this.deps.defaultChannel;
    // Nowhere to escalate to, or the handoff already sits there (the thread reminder is enough).
    if (!channel || channel === h.slackChannel) return;
    if (!h.slackChannel || !h.slackTs) throw new NotPostedYetError();
    const project = this.project(h.projectId);
    let link = "";
    try {
      const res = await this.deps.client.chat.getPermalink({
        channel: h.slackChannel,
        message_ts: h.slackTs,
      });
      link = res.permalink ?? "";
    } catch {
      // The escalation still names the project and the channel.
    }
    const t = slackTranslator("de");
    const text = t("slack.followup.escalation", {
      project: escapeMrkdwn(project ? `${project.name} (${project.place})` : h.projectId),
      channel: `<#${h.slackChannel}>`,
      hours: row.payload.hours ?? "",
      link: link ? `<${link}|${t("slack.followup.open")}>` : "",
    });
    await postOnce(this.deps.client, this.log, row, h.id, channel, text.trim());
  }

  /** A coordinator's thread reply, framed in the requester's language; then a ✅ on the reply. */
  private async relayToRequester(row: OutboxRow, h: SlackHandoff): Promise<void> {
    const p = row.payload as { text?: string; name?: string; channel?: string; ts?: string };
    if (!h.channelUserId || !p.text) return;
    const project = this.project(h.projectId)?.name ?? h.projectId;
    await this.deps.notifier.notifyRequester(
      h.channel,
      h.channelUserId,
      requesterRelayText(h, p.name ?? "", project, p.text),
    );
    if (p.channel && p.ts) {
      await this.deps.client.reactions
        .add({ channel: p.channel, timestamp: p.ts, name: "white_check_mark" })
        .catch(() => undefined);
    }
  }

  private async update(h: SlackHandoff, channel: string, ts: string, forwardedTo?: string): Promise<void> {
    const { text, blocks } = this.render(h, forwardedTo);
    await this.deps.client.chat.update({ channel, ts, text, blocks });
  }

  private async notify(h: SlackHandoff, event: RequesterEvent): Promise<void> {
    if (!h.channelUserId) return;
    const t = translator(h.language);
    const project = this.project(h.projectId)?.name ?? h.projectId;
    const name = (h.takenByName ?? "").split(/\s+/)[0] ?? "";
    const key =
      event === "taken" && h.contactMethod === "chat"
        ? "handoff.update.takenChat"
        : `handoff.update.${event}`;
    let text = t(key, { name, project });
    // Closing a chat handoff also ends the relay: say so, so the person does not write into the void.
    if (h.contactMethod === "chat" && (event === "done" || event === "declined"))
      text += `\n\n${t("relay.ended", { project })}`;
    await this.deps.notifier.notifyRequester(h.channel, h.channelUserId, text);
  }
}

/** A thread reply whose handoff message is not posted yet; retried with backoff. */
export class NotPostedYetError extends Error {
  override name = "NotPostedYetError";
}

/** An error that retrying cannot fix (no channel configured, malformed row). */
export class PermanentError extends Error {
  override name = "PermanentError";
  constructor(readonly code: string) {
    super(code);
  }
}
