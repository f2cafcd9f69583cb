import type { Transformer } from "grammy";

/** Outgoing rate limits; defaults follow Telegram's guidance (30 messages/s overall, ~1/s per chat). */
export interface ThrottleOptions {
  /** Messages per second across all chats. */
  globalPerSecond: number;
  /** Messages a chat may receive at once before the per-chat rate applies. */
  chatBurst: number;
  /** Sustained messages per second to one chat. */
  chatPerSecond: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { globalPerSecond: 30, chatBurst: 20, chatPerSecond: 1 };

/** A token bucket that hands out reservations: how long the caller has to wait for its token. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }
  reserve(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.perSecond) * 1000;
  }
  idleSince(now: number): boolean {
    return this.tokens + ((now - this.last) / 1000) * this.perSecond >= this.capacity;
  }
}

/**
 * An API transformer that delays calls carrying a chat_id so the bot stays within Telegram's limits;
 * other calls (getMe, answerCallbackQuery, setWebhook) pass straight through. Timers only, no
 * background intervals, so it also runs on Workers.
 */
export function apiThrottler(options: Partial<ThrottleOptions> = {}): Transformer {
  const opts = { ...DEFAULT_THROTTLE, ...options };
  const global = new Bucket(opts.globalPerSecond, opts.globalPerSecond, Date.now());
  const chats = new Map<string, Bucket>();
  return async (prev, method, payload, signal) => {
    const chatId =
      payload && typeof payload === "object" && "chat_id" in payload ? payload.chat_id : undefined;
    if (chatId === undefined) return prev(method, payload, signal);
    const now = Date.now();
    const key = String(chatId);
    let chat = chats.get(key);
    if (!chat) {
      if (chats.size > 10_000) for (const [k, b] of chats) if (b.idleSince(now)) chats.delete(k);
      chat = new Bucket(opts.chatBurst, opts.chatPerSecond, now);
      chats.set(key, chat);
    }
    const wait = Math.max(global.reserve(now), chat.reserve(now));
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return prev(method, payload, signal);
  };
}
