import type { Peer } from "../../bot/types.js";
import { escapeMrkdwn } from "../../core/mrkdwn.js";
import type { Queryable } from "./database.js";
import { recordHandoffAction } from "./handoff-audit-store.js";
import { enqueueOutbox } from "./outbox-store.js";
import { applyHandoffAction, clearForwardProposal, getSlackHandoff } from "./slack-handoff-store.js";

/** The requester's answer to a forward proposal, as the bot's `answer_forward` effect carries it. */
export interface ForwardAnswer {
  handoffId: string;
  projectId: string;
  accept: boolean;
}

/**
 * Applies a requester's answer to a coordinator's forward proposal, in the turn's transaction and
 * under the handoff's row lock: only the requester's own handoff, and only while this proposal is
 * the pending one. A yes forwards the request (it is posted to the new project's coordinators, the
 * old message says where it went, the old thread gets a note); a no keeps it and tells the thread.
 * Both are recorded in the audit under the coordinator who proposed. Returns whether it applied.
 */
export async function answerForwardProposal(
  tx: Queryable,
  peer: Peer,
  answer: ForwardAnswer,
  projectName: (id: string) => string,
  now: Date,
): Promise<boolean> {
  const h = await getSlackHandoff(tx, answer.handoffId, { forUpdate: true });
  if (!h || h.channel !== peer.channel || h.channelUserId !== peer.channelUserId) return false;
  const proposal = h.proposal;
  if (!proposal || proposal.projectId !== answer.projectId) return false;
  const thread = h.slackChannel && h.slackTs ? { channel: h.slackChannel, ts: h.slackTs } : undefined;
  const params = { project: escapeMrkdwn(projectName(proposal.projectId)) };
  if (!answer.accept) {
    await clearForwardProposal(tx, h.id);
    await recordHandoffAction(
      tx,
      h.id,
      { action: "forward", slackUserId: proposal.by, outcome: "requester_declined" },
      now,
    );
    if (thread) {
      await enqueueOutbox(tx, "slack.refresh", { handoffId: h.id, ...thread }, h.id);
      await enqueueOutbox(
        tx,
        "slack.thread",
        { handoffId: h.id, key: "slack.handoff.forward.refused", params, ...thread },
        h.id,
      );
    }
    return true;
  }
  const r = await applyHandoffAction(tx, h.id, "forward", { projectId: proposal.projectId }, now);
  if (!r.ok) {
    await clearForwardProposal(tx, h.id);
    return false;
  }
  await recordHandoffAction(
    tx,
    h.id,
    { action: "forward", slackUserId: proposal.by, outcome: "applied" },
    now,
  );
  if (thread) {
    await enqueueOutbox(
      tx,
      "slack.refresh",
      { handoffId: h.id, ...thread, forwardedTo: proposal.projectId },
      h.id,
    );
    await enqueueOutbox(
      tx,
      "slack.thread",
      { handoffId: h.id, key: "slack.handoff.forward.accepted", params, ...thread },
      h.id,
    );
  }
  await enqueueOutbox(tx, "handoff.forwarded", { handoffId: h.id }, h.id);
  return true;
}
