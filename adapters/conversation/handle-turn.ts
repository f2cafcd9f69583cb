import type { BotError } from "../../bot/errors.js";
import type { InboundEvent, Peer, Reply, StepDeps, StepResult } from "../../bot/types.js";
import type { NewHandoff } from "../../core/handoff.js";
import { isActive } from "../../core/handoff-lifecycle.js";
import {
  deleteSession,
  deleteSessionStatement,
  loadSessionForUpdateStatements,
  markUpdateProcessedStatement,
  saveSessionStatement,
  sessionFromRows,
} from "../db/conversation-store.js";
import type { Database, Queryable, Statement } from "../db/database.js";
import { answerForwardProposal } from "../db/forward-proposal.js";
import {
  anonymiseUserHandoffs,
  getHandoff,
  insertHandoff,
  listUserHandoffsStatement,
  userHandoffsFromRows,
} from "../db/handoff-store.js";
import { enqueueMessageStatement, enqueueOutbox, RELAY_TO_THREAD_TOPIC } from "../db/outbox-store.js";
import { eraseUserMessages } from "../db/retention.js";
import { loadTurnResult, storeTurnResultStatement } from "../db/turn-replay-store.js";

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
  | { duplicate: true; replay?: { replies: Reply[]; language: string; dir: "ltr" | "rtl" } }
  | {
      duplicate: false;
      replies: Reply[];
      language: string;
      dir: "ltr" | "rtl";
      /** Our code threw in the bot: the person got "please try again"; log and count it (see BotError). */
      botError?: BotError;
      /** True when this turn deleted the user's data (the web chat then clears its transcript). */
      erased?: boolean;
    };

/** How a turn's replies leave: as an outbox row of this kind, committed with the turn. */
export interface QueuedReplies {
  kind: string;
  channel: string;
  /** The row's payload; the replies are added as `replies`. */
  payload: Record<string, unknown>;
  orderKey: string;
}

export interface TurnOptions {
  /** Dedupes redeliveries of one platform update. */
  updateKey?: string;
  /** Queue the replies in the outbox (Telegram) instead of only returning them. */
  queueReplies?: QueuedReplies;
  /** Keep the answer with the update key, so a repeated key gets the same replies back (web chat). */
  keepResult?: boolean;
  /**
   * Writes that record the answer (the web chat's transcript), committed with the turn; not called
   * for a duplicate or a turn that erased the user's data.
   */
  recordWith?: (answer: { replies: Reply[]; language: string; dir: "ltr" | "rtl" }) => Statement[];
}

/**
 * Runs one message through the bot for the web chat and Telegram adapters. Everything a turn
 * changes (update key, session, handoffs, outbox rows) commits together or not at all, so a
 * failed turn can simply be redelivered.
 */
export async function handleTurn<S>(
  deps: TurnDeps<S>,
  peer: Peer,
  event: InboundEvent,
  opts: TurnOptions = {},
): Promise<TurnResult> {
  const created: NewHandoff[] = [];
  let queued = 0;
  const result = await deps.db.transaction(async (tx): Promise<TurnResult> => {
    const now = deps.stepDeps.now();
    // One round trip: record the update, lock and load the session, list the user's handoffs. A
    // duplicate has then taken the user's lock and read two rows for nothing, which is harmless.
    const reads: Statement[] = [
      ...loadSessionForUpdateStatements(peer.channel, peer.channelUserId),
      listUserHandoffsStatement(peer.channel, peer.channelUserId),
    ];
    if (opts.updateKey !== undefined)
      reads.unshift(markUpdateProcessedStatement(peer.channel, opts.updateKey, now));
    const results = await tx.batch(reads);
    if (opts.updateKey !== undefined) {
      const fresh = (results.shift() ?? []).length > 0;
      if (!fresh) {
        if (!opts.keepResult) return { duplicate: true };
        const kept = await loadTurnResult(tx, peer.channel, opts.updateKey);
        return kept
          ? { duplicate: true, replay: { ...kept, replies: kept.replies as Reply[] } }
          : { duplicate: true };
      }
    }
    const session = sessionFromRows<S>(results[1] ?? [], now);
    const handoffs = userHandoffsFromRows(results[2] ?? []);
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
        case "delete_user_data": {
          await deleteSession(tx, peer.channel, peer.channelUserId);
          await eraseUserMessages(tx, peer.channel, peer.channelUserId);
          // Slack's copies are erased through the outbox; the last erasure tells the person it is done.
          const { slackErasures } = await anonymiseUserHandoffs(tx, peer.channel, peer.channelUserId, now, {
            channel: peer.channel,
            userId: peer.channelUserId,
            language: out.language,
          });
          queued += slackErasures;
          break;
        }
        case "relay_to_handoff":
          if (await queueRelay(tx, peer, effect.handoffId, effect.text)) queued += 1;
          break;
        case "answer_forward": {
          const name = (id: string) => deps.stepDeps.catalogue.get(id)?.name ?? id;
          if (await answerForwardProposal(tx, peer, effect, name, now)) queued += 1;
          break;
        }
        default: {
          const unknown: never = effect;
          throw new Error(`unknown effect ${(unknown as { type: string }).type}`);
        }
      }
    }

    // The last writes need no answer: they go to the database with the commit.
    const write = (st: Statement) => tx.defer(st.text, st.params);
    write(
      out.session === null
        ? deleteSessionStatement(peer.channel, peer.channelUserId)
        : saveSessionStatement(
            peer.channel,
            peer.channelUserId,
            out.session,
            out.language,
            now,
            deps.sessionTtlMs,
          ),
    );
    if (opts.queueReplies && out.replies.length > 0) {
      const q = opts.queueReplies;
      write(
        enqueueMessageStatement({
          kind: q.kind,
          channel: q.channel,
          payload: { ...q.payload, replies: out.replies },
          orderKey: q.orderKey,
        }),
      );
    }
    if (opts.keepResult && opts.updateKey !== undefined) {
      write(
        storeTurnResultStatement(peer.channel, opts.updateKey, {
          replies: out.replies,
          language: out.language,
          dir: out.dir,
        }),
      );
    }
    const erased = out.effects.some((e) => e.type === "delete_user_data");
    if (opts.recordWith && !erased)
      for (const st of opts.recordWith({ replies: out.replies, language: out.language, dir: out.dir }))
        write(st);
    const turn: TurnResult = {
      duplicate: false,
      replies: out.replies,
      language: out.language,
      dir: out.dir,
      ...(erased ? { erased } : {}),
    };
    return out.error ? { ...turn, botError: out.error } : turn;
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
