import { formAnswerBefore } from "./journey.js";
import type { LogEntry, RecordedCall, TelegramStandIn } from "./telegram-stand-in.js";

/** Anything that answers HTTP requests like a Hono app (`app.request`). */
export interface RequestTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

let nextUpdateId = 500_000;

/** A fresh, increasing update id, as Telegram assigns them. */
export function newUpdateId(): number {
  nextUpdateId += 1;
  return nextUpdateId;
}

/**
 * A Telegram user for tests: builds real update JSON, posts it to the app's webhook with the secret,
 * waits until the replies reached the stand-in, and notes every action for the transcript.
 */
export class TelegramTestUser {
  constructor(
    private readonly opts: {
      app: RequestTarget;
      standIn: TelegramStandIn;
      secret: string;
      /** Resolves once replies of earlier updates are sent (adapter.idle). */
      idle: () => Promise<void>;
      userId: number;
      languageCode?: string;
      firstName?: string;
    },
  ) {}

  get chatId(): number {
    return this.opts.userId;
  }

  /** The user as Telegram describes them in updates. */
  get from() {
    return {
      id: this.opts.userId,
      is_bot: false,
      first_name: this.opts.firstName ?? "Test",
      ...(this.opts.languageCode ? { language_code: this.opts.languageCode } : {}),
    };
  }

  private message(extra: Record<string, unknown>) {
    return {
      message_id: newUpdateId(),
      date: Math.floor(Date.now() / 1000),
      chat: { id: this.opts.userId, type: "private", first_name: this.from.first_name },
      from: this.from,
      ...extra,
    };
  }

  /** Sends a text message (commands too) and returns the bot's calls it caused. */
  say(text: string): Promise<RecordedCall[]> {
    return this.deliver({ update_id: newUpdateId(), message: this.message({ text }) }, text);
  }

  /** Shares a location, as the reply-keyboard button does. */
  shareLocation(lat: number, lon: number): Promise<RecordedCall[]> {
    return this.deliver(
      { update_id: newUpdateId(), message: this.message({ location: { latitude: lat, longitude: lon } }) },
      `[shares location ${lat}, ${lon}]`,
    );
  }

  /** Sends a sticker (a message kind the bot has no use for). */
  sendSticker(): Promise<RecordedCall[]> {
    const sticker = {
      file_id: "x",
      file_unique_id: "x",
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    };
    return this.deliver(
      { update_id: newUpdateId(), message: this.message({ sticker }) },
      "[sends a sticker]",
    );
  }

  /** Taps the button whose label matches, on the latest message to this chat that has one. */
  tap(label: string | RegExp): Promise<RecordedCall[]> {
    const found = this.findButton(label);
    if (!found) {
      throw new Error(
        `no button ${String(label)} in the latest keyboards; buttons: ${this.buttonLabels().join(" | ")}`,
      );
    }
    return this.tapData(found.data, found.messageId, `[taps «${found.text}»]`);
  }

  /**
   * Taps the button whose callback data matches (exact string or pattern), noting its label. A
   * form answer (`age:6-9`, `focus:reading`) first answers, with their first button, the form
   * questions the dialog asks before it (see `formAnswerBefore`).
   */
  async choose(data: string | RegExp): Promise<RecordedCall[]> {
    for (let guard = 0; typeof data === "string" && guard < 10; guard++) {
      const latest = this.keyboards().at(-1);
      const first = formAnswerBefore(data, latest?.buttons.map((b) => b.data ?? "") ?? []);
      if (first === undefined || !latest) break;
      await this.tapData(first, latest.messageId, `[taps ${first}]`);
    }
    const matches = (d: string) => (typeof data === "string" ? d === data : data.test(d));
    for (const k of this.keyboards().reverse()) {
      const b = k.buttons.find((x) => x.data !== undefined && matches(x.data));
      if (b?.data !== undefined) return this.tapData(b.data, k.messageId, `[taps «${b.text}»]`);
    }
    throw new Error(`no button with data ${String(data)}; buttons: ${this.buttonData().join(" | ")}`);
  }

  /** Callback data of the buttons on the latest messages with an inline keyboard. */
  buttonData(): string[] {
    return this.keyboards()
      .slice(-3)
      .flatMap((k) => k.buttons.map((b) => b.data ?? ""));
  }

  /** Presses a button by its callback data (also stale or forged ones). */
  tapData(data: string, messageId = 1, note = `[taps ${data}]`): Promise<RecordedCall[]> {
    const message = this.message({
      message_id: messageId,
      from: { id: 7_000_001, is_bot: true, first_name: "Bot" },
      text: "…",
    });
    const update = {
      update_id: newUpdateId(),
      callback_query: { id: `cq${newUpdateId()}`, from: this.from, chat_instance: "ci", message, data },
    };
    return this.deliver(update, note);
  }

  /** Posts one update to the webhook; returns the bot calls to this chat that it caused. */
  async deliver(
    update: Record<string, unknown>,
    note: string,
    secret = this.opts.secret,
  ): Promise<RecordedCall[]> {
    const before = this.opts.standIn.calls.length;
    this.opts.standIn.noteUser(note, this.chatId);
    const res = await this.post(update, secret);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await this.opts.idle();
    return this.opts.standIn.calls
      .slice(before)
      .filter((c) => c.status === 200 && Number(c.body.chat_id) === this.chatId);
  }

  /** Posts one update to the webhook as Telegram would, without waiting for the replies; null sends no secret. */
  async post(update: Record<string, unknown>, secret: string | null = this.opts.secret): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
    return this.opts.app.request("/telegram/webhook", {
      method: "POST",
      headers,
      body: JSON.stringify(update),
    });
  }

  /** Labels of the buttons on the latest messages to this chat that carry an inline keyboard. */
  buttonLabels(): string[] {
    return this.keyboards()
      .slice(-3)
      .flatMap((k) => k.buttons.map((b) => b.text));
  }

  private keyboards(): { messageId: number; buttons: { text: string; data?: string }[] }[] {
    return this.opts.standIn
      .callsOf("sendMessage")
      .filter((c) => Number(c.body.chat_id) === this.chatId)
      .map((c, i) => {
        const markup = c.body.reply_markup as
          | { inline_keyboard?: { text: string; callback_data?: string }[][] }
          | undefined;
        return {
          messageId: i + 1,
          buttons: (markup?.inline_keyboard ?? [])
            .flat()
            .map((b) => ({ text: b.text, data: b.callback_data })),
        };
      })
      .filter((k) => k.buttons.length > 0);
  }

  private findButton(label: string | RegExp): { text: string; data: string; messageId: number } | undefined {
    const matches = (t: string) => (typeof label === "string" ? t === label : label.test(t));
    for (const k of this.keyboards().reverse()) {
      const b = k.buttons.find((x) => x.data !== undefined && matches(x.text));
      if (b?.data !== undefined) return { text: b.text, data: b.data, messageId: k.messageId };
    }
    return undefined;
  }
}

/** The conversation as the stand-in saw it: user actions and the bot's messages, buttons and pins. */
export function formatTranscript(log: LogEntry[], chatId?: number): string {
  const lines: string[] = [];
  for (const entry of log) {
    if (entry.from === "user") {
      if (chatId === undefined || entry.chatId === undefined || entry.chatId === chatId)
        lines.push(`user: ${entry.text}`);
      continue;
    }
    const { method, body } = entry.call;
    if (chatId !== undefined && Number(body.chat_id) !== chatId) continue;
    if (method === "sendVenue") {
      lines.push(
        `bot:  📍 ${String(body.title)} — ${String(body.address)} (${String(body.latitude)}, ${String(body.longitude)})`,
      );
    } else if (method === "sendLocation") {
      lines.push(`bot:  📍 (${String(body.latitude)}, ${String(body.longitude)})`);
    } else {
      const text = String(body.text ?? "").split("\n");
      lines.push(`bot:  ${text.join("\n      ")}`);
      const markup = body.reply_markup as
        | {
            inline_keyboard?: { text: string; url?: string }[][];
            keyboard?: { text: string; request_location?: boolean }[][];
          }
        | undefined;
      for (const row of markup?.inline_keyboard ?? []) {
        lines.push(`      ${row.map((b) => (b.url ? `[${b.text} ↗ ${b.url}]` : `[${b.text}]`)).join(" ")}`);
      }
      for (const row of markup?.keyboard ?? []) {
        lines.push(
          `      ${row.map((b) => (b.request_location ? `[${b.text}] (shares the location)` : `[${b.text}]`)).join(" ")}`,
        );
      }
    }
  }
  return `${lines
    .join("\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")}\n`;
}
