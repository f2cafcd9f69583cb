import type { App, BlockAction, BlockSuggestion, ButtonAction, ViewSubmitAction, webApi } from "@slack/bolt";
import { forwardAnswerIds } from "../../bot/flows/forward-consent.js";
import { formatKm, translator } from "../../bot/i18n.js";
import { distanceKm } from "../../core/geo.js";
import { type HandoffAction, transition } from "../../core/handoff-lifecycle.js";
import { escapeMrkdwn } from "../../core/mrkdwn.js";
import { forwardCandidates, requesterPoint } from "../../core/rank-forward.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { Database } from "../db/database.js";
import { recordHandoffAction } from "../db/handoff-audit-store.js";
import { enqueueOutbox } from "../db/outbox-store.js";
import {
  type ActionFields,
  applyHandoffAction,
  getSlackHandoff,
  recordForwardProposal,
} from "../db/slack-handoff-store.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { queueRequesterMessage } from "../outbox/requester-message.js";
import {
  type AuthorisationDeps,
  isStale,
  type PressOrigin,
  type Refusal,
  refusalFor,
} from "./handoff-authorisation.js";
import { ACTION } from "./handoff-blocks.js";
import type { RequesterEvent } from "./handoff-dispatcher.js";
import { slackTranslator } from "./slack-texts.js";

export const VIEW = { decline: "handoff_decline_modal", forward: "handoff_forward_modal" } as const;
const FORWARD_SELECT = "forward_project";

export interface HandoffActionDeps {
  db: Database;
  catalogue: () => Catalogue;
  logger: Logger;
  now: () => Date;
  /** Wakes the outbox dispatcher after a change was committed. */
  wake: () => void;
  /** Who may act: channel members (cached `conversations.members`) and admins. */
  authorisation: AuthorisationDeps;
}

const t = slackTranslator("de");

/** What a decline or forward modal remembers of the message it was opened from. */
interface ModalMeta {
  handoffId?: string;
  channelId?: string;
  messageTs?: string;
}
const EVENT_OF: Partial<Record<HandoffAction, RequesterEvent>> = {
  take: "taken",
  done: "done",
  decline: "declined",
  forward: "forwarded",
};

/** Who pressed: display name from users.info (real name), falling back to the payload's name. */
export async function coordinatorName(
  client: webApi.WebClient,
  user: { id: string; name?: string },
): Promise<string> {
  try {
    const res = await client.users.info({ user: user.id });
    return res.user?.real_name || res.user?.profile?.real_name || res.user?.name || user.name || user.id;
  } catch {
    return user.name ?? user.id;
  }
}

/**
 * The buttons and modals of a handoff message: Take over, Done, Decline (with a reason) and Forward
 * (with a project search). Each acknowledges at once; the state change, the message update and the
 * requester's notice are committed together (outbox rows) and sent by the dispatcher.
 */
export function registerHandoffActions(app: App, deps: HandoffActionDeps): void {
  const log = deps.logger.child({ component: "slack-actions" });

  const apply = async (
    client: webApi.WebClient,
    handoffId: string,
    action: HandoffAction,
    fields: ActionFields,
    who: { userId: string; channelId: string | undefined; messageTs?: string | undefined },
  ): Promise<void> => {
    const from = { channel: who.channelId, ts: who.messageTs };
    if (!(await allowed(client, handoffId, action, who, from))) return;
    const outcome = await deps.db.transaction(async (tx) => {
      // Stale again under the row lock: a forward may have happened since the check above.
      const locked = await getSlackHandoff(tx, handoffId, { forUpdate: true });
      if (locked && isStale(locked, from))
        return { ok: false as const, reason: "stale" as const, current: locked };
      const r = await applyHandoffAction(tx, handoffId, action, fields, deps.now());
      await recordHandoffAction(
        tx,
        handoffId,
        { action, slackUserId: who.userId, outcome: r.ok ? "applied" : "not_allowed" },
        deps.now(),
      );
      if (!r.ok) return r;
      const { before } = r;
      if (before.slackChannel && before.slackTs) {
        await enqueueOutbox(
          tx,
          "slack.refresh",
          {
            handoffId,
            channel: before.slackChannel,
            ts: before.slackTs,
            ...(action === "forward" && fields.projectId ? { forwardedTo: fields.projectId } : {}),
          },
          handoffId,
        );
      }
      if (action === "forward") await enqueueOutbox(tx, "handoff.forwarded", { handoffId }, handoffId);
      const event = EVENT_OF[action];
      if (event) await enqueueOutbox(tx, "requester.notify", { handoffId, event }, handoffId);
      return r;
    });
    log.info({ handoffId, action, ok: outcome.ok }, "slack: handoff action");
    if (outcome.ok) {
      deps.wake();
      return;
    }
    if (outcome.reason === "stale" && outcome.current) {
      await recordHandoffAction(
        deps.db,
        handoffId,
        { action, slackUserId: who.userId, outcome: "stale" },
        deps.now(),
      );
      await tell(client, who, refusalText({ reason: "stale", currentProjectId: outcome.current.projectId }));
      return;
    }
    const state = outcome.current ? t(`handoff.state.${outcome.current.state}`) : "?";
    await tell(client, who, t("slack.handoff.notAllowed", { state }));
  };

  /**
   * Forward with consent: a coordinator's forward is a proposal. The requester is asked in their
   * language, with the distance from where they searched, and only their yes moves the request
   * (bot/flows/forward-consent.ts, adapters/db/forward-proposal.ts). The thread hears of it.
   */
  const propose = async (
    client: webApi.WebClient,
    handoffId: string,
    projectId: string,
    who: { userId: string; channelId: string | undefined; messageTs?: string | undefined },
  ): Promise<void> => {
    const from = { channel: who.channelId, ts: who.messageTs };
    if (!(await allowed(client, handoffId, "forward", who, from))) return;
    const target = deps.catalogue().get(projectId);
    if (!target) return;
    const name = await coordinatorName(client, { id: who.userId });
    const outcome = await deps.db.transaction(async (tx) => {
      const h = await getSlackHandoff(tx, handoffId, { forUpdate: true });
      if (!h) return { ok: false as const, reason: "not_found" as const };
      if (isStale(h, from)) return { ok: false as const, reason: "stale" as const, current: h };
      if (!transition(h.state, "forward").ok || !h.channelUserId)
        return { ok: false as const, reason: "not_allowed" as const, current: h };
      const at = deps.now();
      await recordForwardProposal(tx, h.id, projectId, who.userId, at);
      await recordHandoffAction(
        tx,
        h.id,
        { action: "forward", slackUserId: who.userId, outcome: "proposed" },
        at,
      );
      const current = deps.catalogue().get(h.projectId);
      const tr = translator(h.language);
      const km = h.origin ? distanceKm(h.origin, target) : undefined;
      const params = { from: current?.name ?? h.projectId, to: target.name };
      const question =
        km === undefined
          ? tr("forward.askNoDistance", params)
          : tr("forward.ask", { ...params, distance: formatKm(km, h.language) });
      const ids = forwardAnswerIds(h.id);
      await queueRequesterMessage(tx, h.channel, h.channelUserId, question, h.id, [
        { id: ids.yes, label: tr("forward.yes") },
        { id: ids.no, label: tr("forward.no") },
      ]);
      if (h.slackChannel && h.slackTs) {
        const thread = { channel: h.slackChannel, ts: h.slackTs };
        await enqueueOutbox(tx, "slack.refresh", { handoffId: h.id, ...thread }, h.id);
        await enqueueOutbox(
          tx,
          "slack.thread",
          {
            handoffId: h.id,
            key: "slack.handoff.forward.asked",
            params: { project: escapeMrkdwn(target.name), name: escapeMrkdwn(name) },
            ...thread,
          },
          h.id,
        );
      }
      return { ok: true as const };
    });
    log.info({ handoffId, action: "forward", proposed: outcome.ok }, "slack: forward proposed");
    if (outcome.ok) {
      deps.wake();
      return;
    }
    if (outcome.reason === "stale" && outcome.current) {
      await recordHandoffAction(
        deps.db,
        handoffId,
        { action: "forward", slackUserId: who.userId, outcome: "stale" },
        deps.now(),
      );
      await tell(client, who, refusalText({ reason: "stale", currentProjectId: outcome.current.projectId }));
      return;
    }
    const state = outcome.current ? t(`handoff.state.${outcome.current.state}`) : "?";
    await tell(client, who, t("slack.handoff.notAllowed", { state }));
  };

  const tell = async (
    client: webApi.WebClient,
    who: { userId: string; channelId: string | undefined },
    text: string,
  ): Promise<void> => {
    if (who.channelId) await client.chat.postEphemeral({ channel: who.channelId, user: who.userId, text });
  };

  const refusalText = (r: Refusal): string =>
    r.reason === "stale"
      ? t("slack.handoff.stale", {
          project: deps.catalogue().get(r.currentProjectId)?.name ?? r.currentProjectId,
        })
      : t("slack.handoff.notMember", { channel: r.channel ?? "?" });

  /** Checks who pressed where; a refusal is recorded and explained to them only. */
  const allowed = async (
    client: webApi.WebClient,
    handoffId: string,
    action: HandoffAction,
    who: { userId: string; channelId: string | undefined },
    from: PressOrigin,
  ): Promise<boolean> => {
    const h = await getSlackHandoff(deps.db, handoffId);
    if (!h) return true; // applyHandoffAction answers "not found"
    const refusal = await refusalFor(deps.authorisation, h, who.userId, from);
    if (!refusal) return true;
    await recordHandoffAction(
      deps.db,
      handoffId,
      { action, slackUserId: who.userId, outcome: refusal.reason },
      deps.now(),
    );
    log.info({ handoffId, action, refused: refusal.reason }, "slack: handoff action refused");
    await tell(client, who, refusalText(refusal));
    return false;
  };

  const guard =
    <A extends unknown[]>(name: string, fn: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (err) {
        logError(log, err, "slack: handler failed", { handler: name });
      }
    };

  app.action<BlockAction<ButtonAction>>(
    ACTION.take,
    guard("take", async ({ ack, body, action, client }) => {
      await ack();
      const takenByName = await coordinatorName(client, body.user);
      await apply(
        client,
        action.value ?? "",
        "take",
        { takenBy: body.user.id, takenByName },
        {
          userId: body.user.id,
          channelId: body.channel?.id,
          messageTs: body.message?.ts,
        },
      );
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION.done,
    guard("done", async ({ ack, body, action, client }) => {
      await ack();
      await apply(
        client,
        action.value ?? "",
        "done",
        {},
        { userId: body.user.id, channelId: body.channel?.id, messageTs: body.message?.ts },
      );
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION.decline,
    guard("decline", async ({ ack, body, action, client }) => {
      await ack();
      const who = { userId: body.user.id, channelId: body.channel?.id };
      const from = { channel: body.channel?.id, ts: body.message?.ts };
      if (!(await allowed(client, action.value ?? "", "decline", who, from))) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: "modal",
          callback_id: VIEW.decline,
          private_metadata: JSON.stringify({
            handoffId: action.value,
            channelId: body.channel?.id,
            messageTs: body.message?.ts,
          }),
          title: { type: "plain_text", text: t("slack.handoff.decline.title") },
          submit: { type: "plain_text", text: t("slack.handoff.decline.submit") },
          close: { type: "plain_text", text: t("slack.handoff.decline.cancel") },
          blocks: [
            {
              type: "input",
              block_id: "reason",
              label: { type: "plain_text", text: t("slack.handoff.decline.reason") },
              element: { type: "plain_text_input", action_id: "reason", multiline: true, max_length: 500 },
            },
          ],
        },
      });
    }),
  );

  app.view<ViewSubmitAction>(
    VIEW.decline,
    guard("decline-submit", async ({ ack, body, view, client }) => {
      await ack();
      const meta = JSON.parse(view.private_metadata || "{}") as ModalMeta;
      const reason = view.state.values.reason?.reason?.value ?? "";
      await apply(
        client,
        meta.handoffId ?? "",
        "decline",
        { closedReason: reason.trim().slice(0, 500) },
        {
          userId: body.user.id,
          channelId: meta.channelId,
          messageTs: meta.messageTs,
        },
      );
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION.forward,
    guard("forward", async ({ ack, body, action, client }) => {
      await ack();
      const who = { userId: body.user.id, channelId: body.channel?.id };
      const from = { channel: body.channel?.id, ts: body.message?.ts };
      if (!(await allowed(client, action.value ?? "", "forward", who, from))) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: "modal",
          callback_id: VIEW.forward,
          private_metadata: JSON.stringify({
            handoffId: action.value,
            channelId: body.channel?.id,
            messageTs: body.message?.ts,
          }),
          title: { type: "plain_text", text: t("slack.handoff.forward.title") },
          submit: { type: "plain_text", text: t("slack.handoff.forward.submit") },
          close: { type: "plain_text", text: t("slack.handoff.decline.cancel") },
          blocks: [
            { type: "context", elements: [{ type: "mrkdwn", text: t("slack.handoff.forward.hint") }] },
            {
              type: "input",
              block_id: "project",
              label: { type: "plain_text", text: t("slack.handoff.forward.label") },
              element: {
                type: "external_select",
                action_id: FORWARD_SELECT,
                min_query_length: 2,
                placeholder: { type: "plain_text", text: t("slack.handoff.forward.placeholder") },
              },
            },
          ],
        },
      });
    }),
  );

  app.options<"block_suggestion">(
    FORWARD_SELECT,
    guard("forward-options", async ({ ack, options }) => {
      const suggestion = options as BlockSuggestion;
      const meta = JSON.parse(suggestion.view?.private_metadata || "{}") as { handoffId?: string };
      const handoff = meta.handoffId ? await getSlackHandoff(deps.db, meta.handoffId) : undefined;
      const catalogue = deps.catalogue();
      const from = handoff ? requesterPoint(handoff, catalogue) : undefined;
      const found = forwardCandidates(catalogue, suggestion.value ?? "", from, {
        limit: 20,
        exclude: handoff?.projectId,
      });
      await ack({
        options: found.map(({ project: p, distanceKm }) => {
          const km = distanceKm === undefined ? "" : `, ${formatKm(distanceKm, "de")}`;
          return {
            text: { type: "plain_text" as const, text: `${p.name} (${p.place}${km})`.slice(0, 75) },
            value: p.id,
          };
        }),
      });
    }),
  );

  app.view<ViewSubmitAction>(
    VIEW.forward,
    guard("forward-submit", async ({ ack, body, view, client }) => {
      const meta = JSON.parse(view.private_metadata || "{}") as ModalMeta;
      const projectId = view.state.values.project?.[FORWARD_SELECT]?.selected_option?.value ?? "";
      const current = meta.handoffId ? await getSlackHandoff(deps.db, meta.handoffId) : undefined;
      if (!deps.catalogue().get(projectId) || current?.projectId === projectId) {
        await ack({ response_action: "errors", errors: { project: t("slack.handoff.forward.same") } });
        return;
      }
      await ack();
      await propose(client, meta.handoffId ?? "", projectId, {
        userId: body.user.id,
        channelId: meta.channelId,
        messageTs: meta.messageTs,
      });
    }),
  );
}
