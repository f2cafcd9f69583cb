import { Api } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../adapters/logger.js";
import { apiThrottler } from "../adapters/telegram/api-throttler.js";
import { escapeHtml, splitText } from "../adapters/telegram/html-text.js";
import { choiceKeyboard, planTelegramMessages, renderReplies } from "../adapters/telegram/render-replies.js";
import { secretsEqual } from "../adapters/telegram/secret-compare.js";
import { toInboundEvent } from "../adapters/telegram/to-inbound-event.js";
import type { Reply } from "../bot/types.js";
import { TelegramStandIn } from "./support/telegram-stand-in.js";

const logger = createLogger("silent");
const from = { id: 42, is_bot: false, first_name: "A", language_code: "ar" };
const chat = { id: 42, type: "private" as const, first_name: "A" };

function messageUpdate(extra: Record<string, unknown>): Update {
  return { update_id: 9, message: { message_id: 1, date: 0, chat, from, ...extra } } as unknown as Update;
}

describe("toInboundEvent", () => {
  it("turns text into a text event with the peer and the update id as key", () => {
    const inbound = toInboundEvent(messageUpdate({ text: "wir wohnen in 50667 Köln" }));
    expect(inbound).toEqual({
      peer: { channel: "telegram", channelUserId: "42", platformLanguage: "ar" },
      event: { type: "text", text: "wir wohnen in 50667 Köln" },
      chatId: 42,
      updateKey: "9",
    });
  });

  it("recognises the six commands, with @botname and arguments, case-insensitively", () => {
    const cmd = (text: string) => toInboundEvent(messageUpdate({ text }), "patenschaft_bot")?.event;
    expect(cmd("/start")).toEqual({ type: "command", command: "start" });
    expect(cmd("/delete@Patenschaft_Bot")).toEqual({ type: "command", command: "delete" });
    expect(cmd("/start family-koeln")).toEqual({ type: "command", command: "start", args: "family-koeln" });
    for (const c of ["help", "language", "restart", "mydata"])
      expect(cmd(`/${c}`)).toMatchObject({ command: c });
    expect(cmd("/unknown")).toEqual({ type: "text", text: "/unknown" });
    expect(cmd("/start@other_bot")).toEqual({ type: "text", text: "/start@other_bot" });
  });

  it("turns a button press into a choice with the query to answer, a location into a location", () => {
    const update = {
      update_id: 10,
      callback_query: {
        id: "q1",
        from,
        chat_instance: "c",
        data: "role:family",
        message: { message_id: 3, date: 0, chat },
      },
    } as unknown as Update;
    expect(toInboundEvent(update)).toMatchObject({
      event: { type: "choice", id: "role:family" },
      chatId: 42,
      callbackQueryId: "q1",
    });
    expect(toInboundEvent(messageUpdate({ location: { latitude: 50.9, longitude: 6.9 } }))?.event).toEqual({
      type: "location",
      lat: 50.9,
      lon: 6.9,
    });
  });

  it("answers stickers and photos with an empty text event and ignores groups and bots", () => {
    expect(toInboundEvent(messageUpdate({ sticker: { file_id: "x" } }))?.event).toEqual({
      type: "text",
      text: "",
    });
    expect(toInboundEvent(messageUpdate({ photo: [], caption: "hi" }))?.event).toEqual({
      type: "text",
      text: "",
    });
    const group = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: -5, type: "group", title: "g" }, from, text: "hi" },
    };
    expect(toInboundEvent(group as unknown as Update)).toBeUndefined();
    expect(toInboundEvent(messageUpdate({ from: { ...from, is_bot: true }, text: "x" }))).toBeUndefined();
  });
});

describe("text helpers", () => {
  it("escapes &, < and >", () => {
    expect(escapeHtml(`<b>Tom & "Jerry"</b>`)).toBe("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
  });

  it("splits long text at word boundaries without cutting surrogate pairs", () => {
    const text = `${"wort ".repeat(2000)}`;
    const chunks = splitText(text);
    expect(chunks.length).toBe(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(4096);
    expect(chunks.join(" ").trim() === text.trim()).toBe(true);
    const emoji = "📚".repeat(3000);
    const parts = splitText(emoji);
    expect(parts.join("")).toBe(emoji);
    for (const p of parts) expect(p.length % 2).toBe(0);
  });

  it("compares secrets exactly", () => {
    expect(secretsEqual("abcdefghijklmnop", "abcdefghijklmnop")).toBe(true);
    expect(secretsEqual("abcdefghijklmnoq", "abcdefghijklmnop")).toBe(false);
    expect(secretsEqual("abcdefghijklmno", "abcdefghijklmnop")).toBe(false);
    expect(secretsEqual("", "abcdefghijklmnop")).toBe(false);
    expect(secretsEqual(undefined, "abcdefghijklmnop")).toBe(false);
  });

  it("puts two short labels per row, long ones alone, and drops ids over 64 bytes", () => {
    const kb = choiceKeyboard(
      [
        { id: "a", label: "Lesen" },
        { id: "b", label: "Schule" },
        { id: "c", label: "Übergang in Ausbildung und Beruf" },
        { id: "d", label: "Sprache" },
        { id: "ü".repeat(33), label: "zu lang" },
      ],
      logger,
    );
    expect(kb.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([
      ["Lesen", "Schule"],
      ["Übergang in Ausbildung und Beruf"],
      ["Sprache"],
    ]);
  });
});

describe("renderReplies against the Bot API stand-in", () => {
  let standIn: TelegramStandIn;
  let api: Api;
  beforeAll(async () => {
    standIn = await TelegramStandIn.start();
    api = new Api(standIn.token, { apiRoot: standIn.apiRoot });
  });
  afterAll(() => standIn.close());

  it("merges a turn into one text with all its buttons, pins apart, HTML escaped and link previews off", async () => {
    const before = standIn.calls.length;
    const replies: Reply[] = [
      { type: "text", text: "Hallo <script> & Co" },
      { type: "choices", text: "Wer fragt?", choices: [{ id: "role:family", label: "Familie" }] },
      {
        type: "links",
        text: "Kontakt",
        links: [
          { label: "Website", url: "https://example.org/a?b=<c>" },
          { label: "E-Mail", url: "mailto:info@example.org" },
        ],
      },
      {
        type: "location",
        lat: 50.94,
        lon: 6.96,
        title: "Lesepaten <Köln>",
        address: "Musterstraße 1, 50667 Köln",
      },
      { type: "location", lat: 50.94, lon: 6.96, title: "Ohne Adresse", address: "" },
      { type: "request_location", text: "Wo wohnt ihr?", buttonLabel: "Standort teilen" },
    ];
    await renderReplies(api, 42, replies, logger);
    const calls = standIn.calls.slice(before);
    // Text follows the pins in this turn, so the pins go first and the buttons stay at the bottom;
    // inline buttons and the share-location keyboard cannot share one message.
    expect(calls.map((c) => c.method)).toEqual(["sendVenue", "sendLocation", "sendMessage", "sendMessage"]);
    const [venue, pin, text, request] = calls;
    // Venue fields are plain text for Telegram: not escaped.
    expect(venue?.body).toMatchObject({ title: "Lesepaten <Köln>", address: "Musterstraße 1, 50667 Köln" });
    // The turn asks for a location, so no keyboard removal goes out.
    expect(venue?.body.reply_markup).toBeUndefined();
    expect(pin?.body.reply_markup).toBeUndefined();
    expect(text?.body).toMatchObject({
      chat_id: 42,
      text: "Hallo &lt;script&gt; &amp; Co\n\nWer fragt?\n\nKontakt\nE-Mail: mailto:info@example.org",
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    expect(text?.body.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: "Familie", callback_data: "role:family" }],
        [{ text: "Website", url: "https://example.org/a?b=<c>" }],
      ],
    });
    expect(request?.body.text).toBe("Wo wohnt ihr?");
    expect(request?.body.reply_markup).toEqual({
      keyboard: [[{ text: "Standort teilen", request_location: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
  });

  it("sends a project's details as a pin plus one text with its buttons", () => {
    const planned = planTelegramMessages(
      [
        { type: "text", text: "Lesepaten Köln" },
        { type: "location", lat: 50.9, lon: 6.9, title: "Lesepaten", address: "Weg 1, 50667 Köln" },
        { type: "links", text: "Website:", links: [{ label: "Öffnen", url: "https://example.org" }] },
        { type: "choices", text: "Was nun?", choices: [{ id: "contact", label: "Kontakt" }] },
      ],
      logger,
    );
    expect(planned.map((m) => m.method)).toEqual(["sendVenue", "sendMessage"]);
    // The pin is the first message without a keyboard of its own, so it clears a leftover one.
    expect(planned[0]?.markup).toEqual({ remove_keyboard: true });
    expect(planned[1]).toMatchObject({ text: "Lesepaten Köln\n\nWebsite:\n\nWas nun?" });
    expect(planned[1]?.markup).toEqual({
      inline_keyboard: [
        [{ text: "Öffnen", url: "https://example.org" }],
        [{ text: "Kontakt", callback_data: "contact" }],
      ],
    });
  });

  it("asks for the location in the same message as the turn's text", () => {
    const planned = planTelegramMessages(
      [
        { type: "text", text: "Danke." },
        { type: "request_location", text: "Wo wohnt ihr?", buttonLabel: "Standort teilen" },
      ],
      logger,
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ method: "sendMessage", text: "Danke.\n\nWo wohnt ihr?" });
    expect(planned[0]?.markup).toMatchObject({
      keyboard: [[{ text: "Standort teilen", request_location: true }]],
    });
  });

  it("removes the location keyboard with the first plain message of the next turn and splits long text", async () => {
    const before = standIn.calls.length;
    await renderReplies(
      api,
      42,
      [
        { type: "text", text: "Danke" },
        { type: "choices", text: "x".repeat(5000), choices: [{ id: "more", label: "Mehr" }] },
        { type: "text", text: "Noch etwas" },
      ],
      logger,
    );
    const calls = standIn.calls.slice(before);
    expect(calls).toHaveLength(2);
    const texts = calls.map((c) => String(c.body.text));
    expect(texts.map((t) => t.length)).toEqual([4096, 923]);
    expect(texts[0]?.startsWith("Danke\n\nxxx")).toBe(true);
    expect(texts[1]?.endsWith("x\n\nNoch etwas")).toBe(true);
    expect(calls[0]?.body.reply_markup).toEqual({ remove_keyboard: true });
    expect(calls[1]?.body.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Mehr", callback_data: "more" }]],
    });
  });

  it("throttles messages to one chat beyond the burst", async () => {
    const throttled = new Api(standIn.token, { apiRoot: standIn.apiRoot });
    throttled.config.use(apiThrottler({ chatBurst: 2, chatPerSecond: 5 }));
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map((i) => throttled.sendMessage(7, `m${i}`)));
    // Two go at once, the next two wait 200 ms and 400 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });
});
