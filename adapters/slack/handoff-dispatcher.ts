import { webApi } from "@slack/bolt";
import { formatDate, translator } from "../../bot/i18n.js";
import type { Choice } from "../../bot/types.js";
import type { Channel, Handoff } from "../../core/handoff.js";
import { escapeMrkdwn } from "../../core/mrkdwn.js";
import type { DeliveryFailure } from "../../core/outbox.js";
import type { Project } from "../../core/project.js";
import type { Catalogue } from "../../core/ranking-types.js";
import { SERVICE_OFFICE } from "../../core/service-office.js";
import type { State } from "../../core/state.js";
import type { Database, Queryable } from "../db/database.js";
import type { OutboxRow } from "../db/outbox-claim.js";
import { enqueueOutbox } from "../db/outbox-store.js";
import { getSlackHandoff, recordSlackMessage, type SlackHandoff } from "../db/slack-handoff-store.js";
import {
  markSlackPostErased,
  recordSlackPost,
  SLACK_ERASE_KIND,
  type SlackErasurePayload,
} from "../db/slack-post-store.js";
import type { Logger } from "../logger.js";
import type { Delivered, DeliveryContext, OutboxKind } from "../outbox/outbox-kind.js";
import { queueRequesterMessage, REQUESTER_KINDS } from "../outbox/requester-message.js";
import { renderDialogBlocks } from "./dialog-blocks.js";
import { renderHandoffBlocks } from "./handoff-blocks.js";
import { findEarlierPost, HANDOFF_EVENT_TYPE, postOnce } from "./post-once.js";
import { alternativesFor, expiredText, requesterRelayText, threadRelayText } from "./relay-texts.js";
import { slackTranslator } from "./slack-texts.js";

export { HANDOFF_EVENT_TYPE, THREAD_EVENT_TYPE } from "./post-once.js";

/** Outbox kinds the Slack adapter delivers. */
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
  "slack.notice",
  SLACK_ERASE_KIND,
  REQUESTER_KINDS.slack,
] as const;

/** Kinds whose failure leaves a family without an answer: giving up tells them and the default channel. */
const FAMILY_FACING = new Set(["handoff.created", "handoff.forwarded", "handoff.relay"]);

/** Slack answers meaning "this channel will not take the post"; the next route is tried. */
const ROUTE_REFUSALS = new Set(["channel_not_found", "not_in_channel", "is_archived"]);

/** Slack answers that retrying cannot fix. */
const PERMANENT_SLACK_ERRORS = new Set([
  ...ROUTE_REFUSALS,
  "invalid_blocks",
  "invalid_metadata_format",
  "msg_too_long",
  "no_text",
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
  "user_not_found",
  "cannot_dm_bot",
]);

/** What the requester is told (i18n key handoff.update.<event>). */
export type RequesterEvent = "taken" | "done" | "declined" | "forwarded";

export interface DispatcherDeps {
  db: Database;
  client: webApi.WebClient;
  catalogue: () => Catalogue;
  logger: Logger;
  stateChannels: Partial<Record<State, string>>;
  defaultChannel: string | undefined;
  now?: () => Date;
}

/** The drain's handle as the Slack side and its tests see it. */
export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  idle(): Promise<void>;
}

/**
 * The Slack adapter's outbox kinds: handoff posts (routed to the project's channel, else its Land's,
 * else the default channel; a channel that refuses sends the post on to the next), thread replies,
 * message updates, escalations, DMs, and the requester's notices (turned into a message on the
 * requester's own channel in the transaction that marks the row done).
 *
 * Exactly once: the message ts is written in the transaction that marks the row sent, by the lease
 * holder only. After an attempt that may have reached Slack (5xx, network, a crash), the channel is
 * searched from the row's first attempt for a message carrying this row's id before posting again.
 */
export function slackOutboxKinds(deps: DispatcherDeps): OutboxKind[] {
  const k = new SlackKinds(deps);
  return DISPATCHED_TOPICS.map((kind) => ({
    kind,
    channel: "slack",
    deliver: (ctx: DeliveryContext) => k.deliver(ctx),
    classify: classifySlackError,
    onGiveUp: (tx: Queryable, row: OutboxRow, code: string) => k.gaveUp(tx, row, code),
  }));
}

/** Turns what the Web API client threw into a failure class. */
export function classifySlackError(err: unknown): DeliveryFailure {
  if (err instanceof RouteRefusedError)
    return err.next
      ? { class: "permanent", code: err.code, fallback: err.next }
      : { class: "permanent", code: err.code };
  if (err instanceof ChannelRateLimitedError)
    return {
      class: "rate_limited",
      code: "rate_limited",
      retryAfterMs: err.retryAfterMs,
      scope: err.channel,
    };
  if (err instanceof webApi.WebAPIRateLimitedError)
    return { class: "rate_limited", code: "rate_limited", retryAfterMs: Math.max(1, err.retryAfter) * 1000 };
  if (err instanceof webApi.WebAPIHTTPError) {
    if (err.statusCode >= 500 || err.statusCode === 408)
      return { class: "transient", code: `http_${err.statusCode}`, maybeSent: true };
    return { class: "permanent", code: `http_${err.statusCode}` };
  }
  if (err instanceof webApi.WebAPIRequestError)
    return { class: "transient", code: "network", maybeSent: true, unanswered: true };
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = String(err.data.error);
    if (PERMANENT_SLACK_ERRORS.has(code)) return { class: "permanent", code: `slack_${code}` };
    return { class: "transient", code: `slack_${code}`, maybeSent: false };
  }
  if (err instanceof PermanentError) return { class: "permanent", code: err.code };
  if (err instanceof NotPostedYetError) return { class: "transient", code: "not_posted", maybeSent: false };
  return { class: "transient", code: "internal", maybeSent: true };
}

class SlackKinds {
  private readonly now: () => Date;
  constructor(private readonly deps: DispatcherDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async deliver(ctx: DeliveryContext): Promise<Delivered> {
    const { row } = ctx;
    if (row.topic === REQUESTER_KINDS.slack) return this.directMessage(ctx);
    if (row.topic === "slack.notice") return this.notice(ctx);
    if (row.topic === SLACK_ERASE_KIND) return this.erase(ctx);
    const handoffId = row.handoffId ?? (row.payload.handoffId as string | undefined);
    if (!handoffId) throw new PermanentError("no_handoff");
    const h = await getSlackHandoff(this.deps.db, handoffId);
    if (!h) return {};
    switch (row.topic) {
      case "handoff.created":
      case "handoff.forwarded":
        return this.post(ctx, h);
      case "handoff.withdrawn":
        if (h.slackChannel && h.slackTs) await this.update(h, h.slackChannel, h.slackTs);
        return {};
      case "slack.refresh": {
        const { channel, ts, forwardedTo } = row.payload as {
          channel?: string;
          ts?: string;
          forwardedTo?: string;
        };
        if (!channel || !ts) throw new PermanentError("bad_payload");
        await this.update(h, channel, ts, forwardedTo);
        return {};
      }
      case "requester.notify":
        return this.toRequester(h, this.notifyText(h, row.payload.event as RequesterEvent));
      case "handoff.relay":
        return this.relay(ctx, h);
      case "slack.thread": {
        const { key, params, channel, ts } = row.payload as {
          key?: string;
          params?: Record<string, unknown>;
          channel?: string;
          ts?: string;
        };
        if (!key?.startsWith("slack.")) throw new PermanentError("bad_payload");
        // A note for a thread the request has since left (its message before a forward) names it.
        const where = channel && ts ? { ...h, slackChannel: channel, slackTs: ts } : h;
        await this.threadReply(ctx, where, slackTranslator("de")(key, params ?? {}));
        return {};
      }
      case "slack.escalate":
        await this.escalate(ctx, h);
        return {};
      case "requester.relay":
        return this.relayToRequester(ctx, h);
      case "requester.expired": {
        const project = this.project(h.projectId);
        const others = alternativesFor(h, this.deps.catalogue(), project);
        return this.toRequester(h, expiredText(h, project, others));
      }
      default:
        throw new PermanentError("unknown_topic");
    }
  }

  /** Giving up is visible: the default channel hears of it, and so does the family, in their language. */
  async gaveUp(tx: Queryable, row: OutboxRow, code: string): Promise<void> {
    if (row.topic === SLACK_ERASE_KIND) return this.erasureGaveUp(tx, row, code);
    if (!FAMILY_FACING.has(row.topic) || !row.handoffId) return;
    const h = await getSlackHandoff(tx, row.handoffId);
    if (!h) return;
    const project = this.project(h.projectId);
    const projectName = project ? `${project.name} (${project.place})` : h.projectId;
    if (h.channelUserId) {
      const t = translator(h.language);
      const text = t("outbox.notDelivered", {
        project: project?.name ?? h.projectId,
        office: SERVICE_OFFICE.name,
        phone: SERVICE_OFFICE.phone,
        email: SERVICE_OFFICE.email,
      });
      await queueRequesterMessage(tx, h.channel, h.channelUserId, text, h.id);
    }
    if (this.deps.defaultChannel && row.payload.channel !== this.deps.defaultChannel) {
      const text = slackTranslator("de")("slack.outbox.givenUp", {
        project: escapeMrkdwn(projectName),
        handoff: h.id,
        reason: code,
      });
      await enqueueOutbox(tx, "slack.notice", { channel: this.deps.defaultChannel, text });
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
      proposedTo: this.project(h.proposal?.projectId),
      t: slackTranslator("de"),
      language: "de",
    });
  }

  /** The routing, in order, without the channels that already refused this row. */
  private routes(h: Handoff, skip: readonly string[]): string[] {
    const project = this.project(h.projectId);
    const all = [
      project?.slackChannelId,
      project ? this.deps.stateChannels[project.state] : undefined,
      this.deps.defaultChannel,
    ].filter((c): c is string => typeof c === "string" && c.length > 0);
    return [...new Set(all)].filter((c) => !skip.includes(c));
  }

  private async post(ctx: DeliveryContext, h: SlackHandoff): Promise<Delivered> {
    const { row } = ctx;
    const skip = Array.isArray(row.payload.skipChannels) ? (row.payload.skipChannels as string[]) : [];
    const [channel, ...rest] = this.routes(h, skip);
    if (!channel) throw new PermanentError(skip.length > 0 ? "all_channels_refused" : "no_channel");
    const record = (ts: string): Delivered => ({
      commit: async (tx) => {
        await recordSlackMessage(tx, h.id, channel, ts, this.now());
        await recordSlackPost(tx, h.id, { channel, ts, kind: "handoff" }, this.now());
      },
    });
    try {
      // Wait out a rate-limit pause of this channel before spending calls on the look-up.
      await ctx.fence(channel);
      if (row.maybeSent) {
        const earlier = await findEarlierPost(this.deps.client, channel, row);
        if (earlier) {
          ctx.log.warn({ outboxId: row.id, handoffId: h.id }, "slack: earlier post found, not posting again");
          return record(earlier);
        }
      }
      // The requester deleted their data before the request went out: nothing to post.
      if (!h.channelUserId) return {};
      const { text, blocks } = this.render(h);
      await ctx.fence(channel);
      const res = await this.deps.client.chat.postMessage({
        channel,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: HANDOFF_EVENT_TYPE, event_payload: { handoff_id: h.id, outbox_id: row.id } },
      });
      if (!res.ts) throw new Error("chat.postMessage answered without ts");
      ctx.log.info({ handoffId: h.id, channel }, "slack: handoff posted");
      return record(res.ts);
    } catch (err) {
      // Slack limits posting per channel: only posts to this channel wait.
      if (err instanceof webApi.WebAPIRateLimitedError)
        throw new ChannelRateLimitedError(channel, Math.max(1, err.retryAfter) * 1000);
      if (err instanceof webApi.WebAPIPlatformError && ROUTE_REFUSALS.has(String(err.data.error))) {
        const next = rest.length > 0 ? { ...row.payload, skipChannels: [...skip, channel] } : undefined;
        throw new RouteRefusedError(`slack_${String(err.data.error)}`, next);
      }
      throw err;
    }
  }

  /** A reply in the handoff's thread; waits (retries) until the handoff message itself is posted. */
  private async threadReply(
    ctx: DeliveryContext,
    h: SlackHandoff,
    text: string,
  ): Promise<string | undefined> {
    if (!h.slackChannel || !h.slackTs) throw new NotPostedYetError();
    return postOnce(this.deps.client, ctx.log, ctx.row, h.id, h.slackChannel, text, h.slackTs, ctx.fence);
  }

  /**
   * The family's message into the thread, recorded so that deleting their data deletes it again.
   * After they deleted their data nothing is posted; a copy an earlier attempt may have left is
   * looked for, recorded and so erased (`recordSlackPost` queues that for an anonymised request).
   */
  private async relay(ctx: DeliveryContext, h: SlackHandoff): Promise<Delivered> {
    const text = ctx.row.payload.text;
    const channel = h.slackChannel;
    let ts: string | undefined;
    if (h.channelUserId && typeof text === "string") {
      ts = await this.threadReply(ctx, h, threadRelayText(text));
    } else if (ctx.row.maybeSent && channel && h.slackTs) {
      ts = await findEarlierPost(this.deps.client, channel, ctx.row, h.slackTs);
    }
    if (!ts || !channel) return {};
    const posted = ts;
    return {
      commit: (tx) =>
        recordSlackPost(tx, h.id, { channel, ts: posted, kind: "relay" }, this.now()).then(() => undefined),
    };
  }

  /**
   * Erases one Slack copy of a request: a relayed family message is deleted, the request's own
   * message replaced by a note that its data was deleted (deleted instead where Slack refuses the
   * edit). A message already gone counts as erased. The last erasure of a deletion tells the family.
   */
  private async erase(ctx: DeliveryContext): Promise<Delivered> {
    const p = ctx.row.payload as unknown as SlackErasurePayload;
    if (!p.channel || !p.ts) throw new PermanentError("bad_payload");
    const { client } = this.deps;
    await ctx.fence(p.channel);
    try {
      if (p.mode === "delete") {
        await client.chat.delete({ channel: p.channel, ts: p.ts });
      } else {
        const t = slackTranslator("de");
        const project = this.project(p.projectId);
        const text = t(`slack.erased.${p.reason}`, {
          project: escapeMrkdwn(project ? `${project.name} (${project.place})` : p.projectId),
          date: formatDate(new Date(p.createdAt), "de"),
          id: p.handoffId,
        });
        try {
          await client.chat.update({
            channel: p.channel,
            ts: p.ts,
            text,
            blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
            metadata: {
              event_type: HANDOFF_EVENT_TYPE,
              event_payload: { handoff_id: p.handoffId, erased: true },
            },
          });
        } catch (err) {
          if (!slackErrorIn(err, ["cant_update_message", "edit_window_closed"])) throw err;
          await client.chat.delete({ channel: p.channel, ts: p.ts });
        }
      }
    } catch (err) {
      if (!slackErrorIn(err, ["message_not_found"])) throw err;
      ctx.log.info({ outboxId: ctx.row.id, handoffId: p.handoffId }, "slack: copy already gone");
    }
    ctx.log.info({ outboxId: ctx.row.id, handoffId: p.handoffId, mode: p.mode }, "slack: copy erased");
    return {
      commit: async (tx) => {
        await markSlackPostErased(tx, p.channel, p.ts, this.now());
        const notify = p.notify;
        if (!notify) return;
        // The person is told only when every erasure of their deletion went through.
        const failed = await tx.query(
          "SELECT 1 FROM outbox WHERE topic = $1 AND payload->>'deletion' = $2 AND failed_at IS NOT NULL LIMIT 1",
          [SLACK_ERASE_KIND, p.deletion],
        );
        if (failed.length === 0) {
          const text = translator(notify.language)("delete.slackDone");
          await queueRequesterMessage(tx, notify.channel as Channel, notify.userId, text);
        }
        // Who to tell is not kept once told.
        await tx.query("UPDATE outbox SET payload = payload - 'notify' WHERE id = $1", [ctx.row.id]);
      },
    };
  }

  /** An erasure Slack refused for good: coordinators are asked to delete it by hand, and the family is told. */
  private async erasureGaveUp(tx: Queryable, row: OutboxRow, code: string): Promise<void> {
    const p = row.payload as unknown as SlackErasurePayload;
    if (this.deps.defaultChannel) {
      const text = slackTranslator("de")("slack.erased.givenUp", {
        channel: `<#${p.channel}>`,
        ts: p.ts,
        handoff: p.handoffId,
        reason: code,
      });
      await enqueueOutbox(tx, "slack.notice", { channel: this.deps.defaultChannel, text });
    }
    // The family hears once per deletion; the notice target rides on the deletion's last row.
    const [target] = await tx.query<{ notify: SlackErasurePayload["notify"] }>(
      `SELECT payload->'notify' AS notify FROM outbox
       WHERE topic = $1 AND payload->>'deletion' = $2 AND payload ? 'notify' ORDER BY id DESC LIMIT 1`,
      [SLACK_ERASE_KIND, p.deletion],
    );
    const notify = target?.notify;
    if (!notify) return;
    const text = translator(notify.language)("delete.slackFailed", {
      office: SERVICE_OFFICE.name,
      phone: SERVICE_OFFICE.phone,
      email: SERVICE_OFFICE.email,
    });
    await queueRequesterMessage(tx, notify.channel as Channel, notify.userId, text);
    await tx.query(
      "UPDATE outbox SET payload = payload - 'notify' WHERE topic = $1 AND payload->>'deletion' = $2",
      [SLACK_ERASE_KIND, p.deletion],
    );
  }

  /** The escalation of a handoff nobody took over, posted to the default channel with a link. */
  private async escalate(ctx: DeliveryContext, h: SlackHandoff): Promise<void> {
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
      hours: ctx.row.payload.hours ?? "",
      link: link ? `<${link}|${t("slack.followup.open")}>` : "",
    });
    await postOnce(this.deps.client, ctx.log, ctx.row, h.id, channel, text.trim(), undefined, ctx.fence);
  }

  /** A notice to a channel (a row given up), posted once. */
  private async notice(ctx: DeliveryContext): Promise<Delivered> {
    const { channel, text } = ctx.row.payload as { channel?: string; text?: string };
    if (!channel || !text) throw new PermanentError("bad_payload");
    await postOnce(this.deps.client, ctx.log, ctx.row, "", channel, text, undefined, ctx.fence);
    return {};
  }

  /** A message to a requester who asked in a Slack DM. */
  private async directMessage(ctx: DeliveryContext): Promise<Delivered> {
    const { userId, text, choices } = ctx.row.payload as {
      userId?: string;
      text?: string;
      choices?: Choice[];
    };
    if (!userId || !text) return {};
    await ctx.fence();
    if (choices?.length) {
      // A question (a forward proposal): the same buttons as the Slack dialog's, pressed the same way.
      await this.deps.client.chat.postMessage({
        channel: userId,
        ...renderDialogBlocks([{ type: "choices", text, choices }]),
      });
    } else {
      await this.deps.client.chat.postMessage({ channel: userId, text });
    }
    return {};
  }

  /** A coordinator's thread reply, framed in the requester's language; then a ✅ on the reply. */
  private async relayToRequester(ctx: DeliveryContext, h: SlackHandoff): Promise<Delivered> {
    const p = ctx.row.payload as { text?: string; name?: string; channel?: string; ts?: string };
    if (!h.channelUserId || !p.text) return {};
    const project = this.project(h.projectId)?.name ?? h.projectId;
    if (p.channel && p.ts) {
      await this.deps.client.reactions
        .add({ channel: p.channel, timestamp: p.ts, name: "white_check_mark" })
        .catch(() => undefined);
    }
    return this.toRequester(h, requesterRelayText(h, p.name ?? "", project, p.text));
  }

  /** The requester's message is queued on their own channel when this row is marked done. */
  private toRequester(h: SlackHandoff, text: string): Delivered {
    const userId = h.channelUserId;
    if (!userId) return {};
    return { commit: (tx) => queueRequesterMessage(tx, h.channel, userId, text, h.id) };
  }

  private async update(h: SlackHandoff, channel: string, ts: string, forwardedTo?: string): Promise<void> {
    const { text, blocks } = this.render(h, forwardedTo);
    await this.deps.client.chat.update({ channel, ts, text, blocks });
  }

  private notifyText(h: SlackHandoff, event: RequesterEvent): string {
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
    return text;
  }
}

/** Whether the Web API answered one of these Slack error codes. */
function slackErrorIn(err: unknown, codes: readonly string[]): boolean {
  return err instanceof webApi.WebAPIPlatformError && codes.includes(String(err.data.error));
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

/** Slack answered 429 for a post to one channel. */
export class ChannelRateLimitedError extends Error {
  override name = "ChannelRateLimitedError";
  constructor(
    readonly channel: string,
    readonly retryAfterMs: number,
  ) {
    super("rate limited");
  }
}

/** A channel refused the post; `next` is the row's payload for the next route, if there is one. */
export class RouteRefusedError extends Error {
  override name = "RouteRefusedError";
  constructor(
    readonly code: string,
    readonly next: Record<string, unknown> | undefined,
  ) {
    super(code);
  }
}
