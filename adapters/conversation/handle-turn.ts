import type { InboundEvent, Peer, Reply, StepDeps, StepResult } from "../../bot/types.js";
import type { NewHandoff } from "../../core/handoff.js";
import { isActive } from "../../core/handoff-lifecycle.js";
import {
  deleteSession,
  loadSessionForUpdate,
  markUpdateProcessed,
  saveSession,
} from "../db/conversation-store.js";
import type { Database, Queryable } from "../db/database.js";
import { anonymiseUserHandoffs, getHandoff, insertHandoff, listUserHandoffs } from "../db/handoff-store.js";
import { enqueueOutbox, RELAY_TO_THREAD_TOPIC } from "../db/outbox-store.js";
import { eraseUserMessages } from "../db/retention.js";

/** What the conversation runner needs; `step` is the bot engine (bot/engine.ts) or a test double. */
export interface TurnDeps<S> {
  db: Database;
  step: (session: S | null, peer: Peer, event: InboundEvent, deps: StepDeps) => StepResult<S>;
  stepDeps: Omit<StepDeps, "handoffs">;
  sessionTtlMs: number;
  /** Called after commit for each handoff created, e.g. to wake the outbox dispatcher. */
  onHandoffCreated?: (h: NewHandoff) => void;
  /** Called after commit when a turn queued other outbox rows (relayed messages). */
  onOutboxQueued?: () => void;
}

export type TurnResult =
  | { duplicate: true }
  | {
      duplicate: false;
      replies: Reply[];
      language: string;
      dir: "ltr" | "rtl";
      /** True when this turn deleted the user's data (the web chat then clears its transcript). */
      erased?: boolean;
    };

/**
 * Runs one message through the bot for the web chat and Telegram adapters. Everything a turn
 * changes (update key, session, handoffs, outbox rows) commits together or not at all, so a
 * failed turn can simply be redelivered.
 */
export async function handleTurn<S>(
  deps: TurnDeps<S>,
  peer: Peer,
  event: InboundEvent,
  opts: { updateKey?: string } = {},
): Promise<TurnResult> {
  const created: NewHandoff[] = [];
  let queued = 0;
  const result = await deps.db.transaction(async (tx): Promise<TurnResult> => {
    const now = deps.stepDeps.now();
    if (opts.updateKey !== undefined) {
      const fresh = await markUpdateProcessed(tx, peer.channel, opts.updateKey, now);
      if (!fresh) return { duplicate: true };
    }
    const session = await loadSessionForUpdate<S>(tx, peer.channel, peer.channelUserId, now);
    const handoffs = await listUserHandoffs(tx, peer.channel, peer.channelUserId);
    const out = deps.step(session, peer, event, { ...deps.stepDeps, handoffs });

    for (const effect of out.effects) {
      switch (effect.type) {
        case "create_handoff": {
          // The engine builds the handoff; the peer decides whose it is, so one user cannot file for another.
          const h: NewHandoff = {
            ...effect.handoff,
            channel: peer.channel,
            channelUserId: peer.channelUserId,
          };
          await insertHandoff(tx, h);
          created.push(h);
          break;
        }
        case "delete_user_data":
          await deleteSession(tx, peer.channel, peer.channelUserId);
          await eraseUserMessages(tx, peer.channel, peer.channelUserId);
          await anonymiseUserHandoffs(tx, peer.channel, peer.channelUserId, now);
          break;
        case "relay_to_handoff":
          if (await queueRelay(tx, peer, effect.handoffId, effect.text)) queued += 1;
          break;
        default: {
          const unknown: never = effect;
          throw new Error(`unknown effect ${(unknown as { type: string }).type}`);
        }
      }
    }

    if (out.session === null) {
      await deleteSession(tx, peer.channel, peer.channelUserId);
    } else {
      await saveSession(
        tx,
        peer.channel,
        peer.channelUserId,
        out.session,
        out.language,
        now,
        deps.sessionTtlMs,
      );
    }
    const erased = out.effects.some((e) => e.type === "delete_user_data");
    return {
      duplicate: false,
      replies: out.replies,
      language: out.language,
      dir: out.dir,
      ...(erased ? { erased } : {}),
    };
  });
  for (const h of created) deps.onHandoffCreated?.(h);
  if (queued > 0) deps.onOutboxQueued?.();
  return result;
}

/**
 * Queues a requester's message for the Slack thread of their handoff ("handoff.relay"), only if the
 * handoff is theirs, has the chat way back and is still open or taken; false otherwise.
 */
async function queueRelay(tx: Queryable, peer: Peer, handoffId: string, text: string): Promise<boolean> {
  const h = await getHandoff(tx, handoffId);
  if (!h || h.channel !== peer.channel || h.channelUserId !== peer.channelUserId) return false;
  if (h.contactMethod !== "chat" || !isActive(h.state)) return false;
  await enqueueOutbox(tx, RELAY_TO_THREAD_TOPIC, { handoffId, text }, handoffId);
  return true;
}
