import { type Api, GrammyError, HttpError } from "grammy";
import type { Reply } from "../../bot/types.js";
import type { DeliveryFailure } from "../../core/outbox.js";
import type { Logger } from "../logger.js";
import type { DeliveryContext, OutboxKind } from "../outbox/outbox-kind.js";
import { REQUESTER_KINDS } from "../outbox/requester-message.js";
import { renderReplies } from "./render-replies.js";

/**
 * A Telegram outbox row: a turn's replies (rendered natively), or a plain notice (a coordinator's
 * news). `sent` counts the reply groups already delivered, so a retry never repeats them.
 */
export interface TelegramMessagePayload {
  chatId: string | number;
  replies?: Reply[];
  text?: string;
  callbackQueryId?: string;
  sent?: number;
}

export const TELEGRAM_MESSAGE_KIND = REQUESTER_KINDS.telegram;

/**
 * Splits a turn's replies into groups sent one after another: a map pin goes on its own, so a pin
 * Telegram refuses is skipped without taking the text, the website and the buttons with it.
 */
export function replyGroups(replies: Reply[]): Reply[][] {
  const groups: Reply[][] = [];
  let current: Reply[] = [];
  for (const reply of replies) {
    if (reply.type === "location") {
      if (current.length > 0) groups.push(current);
      groups.push([reply]);
      current = [];
    } else {
      current.push(reply);
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Turns what the Bot API answered into a failure class. */
export function classifyTelegramError(err: unknown): DeliveryFailure {
  if (err instanceof GrammyError) {
    if (err.error_code === 429)
      return {
        class: "rate_limited",
        code: "tg_429",
        retryAfterMs: Math.max(1, err.parameters.retry_after ?? 1) * 1000,
      };
    if (err.error_code >= 500) return { class: "transient", code: `tg_${err.error_code}`, maybeSent: true };
    return { class: "permanent", code: `tg_${err.error_code}` };
  }
  if (err instanceof HttpError)
    return { class: "transient", code: "network", maybeSent: true, unanswered: true };
  return { class: "transient", code: "internal", maybeSent: true };
}

/** A reply group Telegram refused for good (400: a bad pin, a bad button) is logged and skipped. */
function isRefusedReply(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400;
}

/** The Telegram adapter's outbox kind: one chat's messages, in order (the row's order key). */
export function telegramOutboxKind(api: Api, logger: Logger): OutboxKind {
  return {
    kind: TELEGRAM_MESSAGE_KIND,
    channel: "telegram",
    classify: classifyTelegramError,
    async deliver(ctx: DeliveryContext) {
      const p = ctx.row.payload as unknown as TelegramMessagePayload;
      const chatId = Number(p.chatId);
      let sent = p.sent ?? 0;
      if (sent === 0 && p.callbackQueryId) {
        // The spinner on the tapped button; it expires by itself, so a failure costs nothing.
        await api.answerCallbackQuery(p.callbackQueryId).catch(() => undefined);
      }
      if (p.text !== undefined) {
        await ctx.fence();
        await api.sendMessage(chatId, p.text);
        return {};
      }
      const groups = replyGroups(p.replies ?? []);
      for (; sent < groups.length; sent++) {
        await ctx.fence();
        try {
          await renderReplies(api, chatId, groups[sent] ?? [], logger);
        } catch (err) {
          if (!isRefusedReply(err)) throw err;
          const e = err as GrammyError;
          ctx.log.warn(
            { outboxId: ctx.row.id, method: e.method, errorCode: e.error_code, description: e.description },
            "telegram: a reply was refused and skipped",
          );
        }
        if (sent + 1 < groups.length) await ctx.saveProgress({ ...ctx.row.payload, sent: sent + 1 });
      }
      return {};
    },
  };
}
