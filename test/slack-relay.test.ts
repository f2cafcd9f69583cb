import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbox, RELAY_TO_THREAD_TOPIC } from "../adapters/db/outbox-store.js";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { translator } from "../bot/i18n.js";
import { formAnswerBefore } from "./support/journey.js";
import { CHANNELS, createHandoff, postsOf } from "./support/slack-handoff-fixtures.js";
import { buttonPress, messageEvent, postEvent, postInteraction } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const AYLIN = { id: "U0COORD1", name: "aylin" };
const de = translator("de");
const slackDe = (await import("../locales/slack/de.json", { with: { type: "json" } })).default;

describe("chat through the assistant: Slack thread ⇄ Telegram", () => {
  let w: SlackWorld;

  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  async function delivered(handoffId: string): Promise<StoredMessage> {
    await w.slackApi.waitFor(() => postsOf(w.slackApi, handoffId).length > 0);
    await w.slack.idle();
    return postsOf(w.slackApi, handoffId)[0] as StoredMessage;
  }
  async function reply(post: StoredMessage, text: string, user = AYLIN.id) {
    const res = await postEvent(
      w.services.app,
      messageEvent({ channel: post.channel, user, text, threadTs: post.ts }),
    );
    expect(res.status).toBe(200);
    await w.slack.idle();
  }
  async function press(action: string, handoffId: string, post: StoredMessage) {
    const res = await postInteraction(w.services.app, buttonPress(action, handoffId, AYLIN, post));
    expect(res.status).toBe(200);
    await w.slack.idle();
  }
  const texts = (calls: { body: Record<string, unknown> }[]) => calls.map((c) => String(c.body.text ?? ""));

  it("relays both ways, keeps note: internal, masks contact details and ends with the handoff", async () => {
    const u = w.telegramUser(6101);
    await u.say("/start");
    await u.choose("role:family");
    await u.choose("age:6-9");
    await u.choose("focus:reading");
    await u.shareLocation(50.9375, 6.9603);
    await u.choose(/^proj:/);
    await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:chat");
    const sent = await u.choose("msg:skip");
    const [row] = await w.services.db.query<{ id: string; project_id: string }>(
      "SELECT id, project_id FROM handoffs WHERE channel = 'telegram' AND channel_user_id = '6101'",
    );
    if (!row) throw new Error("no handoff");
    const project = w.services.catalogue.get().get(row.project_id)?.name ?? "";
    expect(texts(sent).join("\n")).toContain(de("relay.intro", { project }));
    const post = await delivered(row.id);

    // Requester → thread: escaped, contact details masked, confirmed to the requester.
    const out = await u.say("Wir haben Fragen <!channel> @here, mail: mama@example.org");
    expect(texts(out)).toContain(de("relay.sentMasked"));
    await w.slackApi.waitFor(() => w.slackApi.threadOf(post.channel, post.ts).length === 1);
    const [inThread] = w.slackApi.threadOf(post.channel, post.ts);
    expect(inThread?.text).toContain("&lt;!channel&gt;");
    expect(inThread?.text).toContain("@\u200Bhere");
    expect(inThread?.text).not.toContain("mama@example.org");
    expect(inThread?.text).toContain(slackDe.relay.fromRequester);

    // Coordinator → requester, framed in the requester's language, ✅ on the reply; the project's
    // own number is not the family's, so it reaches them (the family's own details would be hidden).
    await press(ACTION.take, row.id, post);
    await reply(post, "Gern! Ruf an: 0221 123 45 67 oder <https://lesen.example|unsere Seite> &amp; mehr");
    const framed = `${de("relay.from", { name: "Aylin", project })}\n\nGern! Ruf an: 0221 123 45 67 oder unsere Seite (https://lesen.example) & mehr`;
    await w.tgApi.waitFor(() => w.telegramTextsTo(6101).includes(framed));
    await w.slack.idle();
    expect(w.slackApi.callsOf("reactions.add").some((c) => c.body.name === "white_check_mark")).toBe(true);
    expect(texts(w.slackApi.callsOf("chat.postEphemeral"))).not.toContain(slackDe.relay.masked);

    // note: stays internal, marked with a lock.
    const before = w.telegramTextsTo(6101).length;
    await reply(post, "note: Familie kennt Frau K. schon");
    await w.slack.idle();
    expect(w.telegramTextsTo(6101)).toHaveLength(before);
    expect(w.slackApi.callsOf("reactions.add").some((c) => c.body.name === "lock")).toBe(true);

    // Leaving the relay is said, with a way back.
    const left = await u.choose("results:back");
    // One Telegram message per turn: the notice opens it, the way back follows in the same message.
    expect(texts(left)).toHaveLength(1);
    expect(texts(left)[0]?.startsWith(de("relay.left", { project }))).toBe(true);
    const back = await u.choose(`relay:${row.id}`);
    expect(texts(back).join("\n")).toContain(de("relay.intro", { project }));

    // Done ends the relay: the requester is told, later messages are not posted.
    await press(ACTION.done, row.id, post);
    await w.tgApi.waitFor(() =>
      w.telegramTextsTo(6101).some((t) => t.endsWith(de("relay.ended", { project }))),
    );
    const after = await u.say("Noch eine Frage");
    expect(texts(after).join("\n")).toContain(de("relay.ended", { project }));
    await w.slack.idle();
    expect(w.slackApi.threadOf(post.channel, post.ts).filter((m) => m.text?.includes("Noch eine"))).toEqual(
      [],
    );

    // A thread reply after closing gets an ephemeral hint instead.
    await reply(post, "Hallo?");
    expect(texts(w.slackApi.callsOf("chat.postEphemeral")).at(-1)).toBe(
      slackDe.relay.closed.replace("{{state}}", de("handoff.state.done")),
    );
  });

  it("a thread reply whose post answered 500 after taking effect is not posted twice", async () => {
    const h = await createHandoff(w.services.db, { channelUserId: "6103" });
    w.slack.dispatcher.wake();
    const post = await delivered(h.id);
    w.slackApi.failNext(1, 500, "chat.postMessage", { afterEffect: true });
    await w.services.db.transaction((tx) =>
      enqueueOutbox(tx, RELAY_TO_THREAD_TOPIC, { handoffId: h.id, text: "Einmal bitte" }, h.id),
    );
    w.slack.dispatcher.wake();
    await w.slackApi.waitFor(() => w.slackApi.callsOf("conversations.replies").length > 0);
    await w.slack.idle();
    const [row] = await w.services.db.query<{ sent: boolean }>(
      "SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE topic = $1 AND handoff_id = $2",
      [RELAY_TO_THREAD_TOPIC, h.id],
    );
    expect(row?.sent).toBe(true);
    expect(
      w.slackApi.threadOf(post.channel, post.ts).filter((m) => m.text?.includes("Einmal bitte")),
    ).toHaveLength(1);
  });

  it("works for a web chat requester too: thread replies land in the inbox", async () => {
    const sid = "abcdef0123456789abcdef0123456789";
    const headers = {
      "content-type": "application/json",
      cookie: `pf_sid=${await w.services.visitors.cookieValue(sid)}`,
      "sec-fetch-site": "same-origin",
    };
    const chat = async (event: Record<string, unknown>) => {
      const res = await w.services.app.request("/api/chat", {
        method: "POST",
        headers,
        body: JSON.stringify({ event, language: "en" }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { replies: { text?: string; choices?: { id: string }[] }[] };
    };
    const choose = async (prefix: string, last: Awaited<ReturnType<typeof chat>>): Promise<typeof last> => {
      const shown = last.replies.flatMap((r) => r.choices ?? []).map((c) => c.id);
      const first = formAnswerBefore(prefix, shown);
      if (first) return choose(prefix, await chat({ type: "choice", id: first }));
      const id = shown.find((c) => c.startsWith(prefix));
      if (!id) throw new Error(`no choice ${prefix}`);
      return chat({ type: "choice", id });
    };
    let r = await chat({ type: "command", command: "start" });
    for (const c of ["role:family", "age:6-9", "focus:reading"]) r = await choose(c, r);
    r = await chat({ type: "text", text: "50667" });
    for (const c of ["proj:", "contact:", "consent:yes", "way:chat", "msg:skip"]) r = await choose(c, r);
    const [row] = await w.services.db.query<{ id: string; project_id: string }>(
      "SELECT id, project_id FROM handoffs WHERE channel = 'web' AND channel_user_id = $1",
      [sid],
    );
    if (!row) throw new Error("no web handoff");
    const post = await delivered(row.id);
    r = await chat({ type: "text", text: "Hello from the web" });
    expect(r.replies.map((x) => x.text)).toContain(translator("en")("relay.sent"));
    await w.slackApi.waitFor(() =>
      w.slackApi.threadOf(post.channel, post.ts).some((m) => m.text?.includes("Hello from the web")),
    );
    await reply(post, "Willkommen!", "U0COORD2");
    const project = w.services.catalogue.get().get(row.project_id)?.name ?? "";
    const inbox = async () => {
      const res = await w.services.app.request("/api/chat/inbox?after=0", { headers });
      return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
    };
    const expected = `${translator("en")("relay.from", { name: "Jonas", project })}\n\nWillkommen!`;
    for (let i = 0; i < 50 && !(await inbox()).includes(expected); i++)
      await new Promise((x) => setTimeout(x, 50));
    expect(await inbox()).toContain(expected);
  });

  it("a handoff with the phone way back relays nothing and tells the coordinator", async () => {
    const h = await createHandoff(w.services.db, {
      contactMethod: "phone",
      contactValue: "+49 221 7654321",
      channelUserId: "6102",
    });
    w.slack.dispatcher.wake();
    const post = await delivered(h.id);
    expect(post.channel).toBe(CHANNELS.project);
    await reply(post, "Wir rufen morgen an");
    expect(texts(w.slackApi.callsOf("chat.postEphemeral")).at(-1)).toBe(slackDe.relay.notChat);
    expect(w.telegramTextsTo(6102)).toEqual([]);
  });

  it("a thread reply in a thread that is no handoff is ignored", async () => {
    const calls = w.slackApi.calls.length;
    await reply({ channel: CHANNELS.project, ts: "1.000001" }, "irgendwas");
    expect(w.slackApi.calls.slice(calls).filter((c) => c.method !== "users.info")).toEqual([]);
  });
});
