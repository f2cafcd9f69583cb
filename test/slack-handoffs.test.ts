import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../adapters/compose.js";
import { VIEW } from "../adapters/slack/handoff-actions.js";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import type { SlackAdapter } from "../adapters/slack/slack-adapter.js";
import { translator } from "../bot/i18n.js";
import { blockText, CHANNELS, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { blockSuggestion, buttonPress, postInteraction, viewSubmission } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { SlackStandIn, StoredMessage } from "./support/slack-stand-in.js";
import type { TelegramStandIn } from "./support/telegram-stand-in.js";

const AYLIN = { id: "U0COORD1", name: "aylin" };
const JONAS = { id: "U0COORD2", name: "jonas" };
const de = translator("de");
const en = translator("en");

describe("Slack handoffs against a Web API stand-in (with Telegram requesters)", () => {
  let slackApi: SlackStandIn;
  let tgApi: TelegramStandIn;
  let services: Services;
  let slack: SlackAdapter;

  let world: SlackWorld;

  beforeAll(async () => {
    world = await startSlackWorld();
    ({ slackApi, tgApi, services, slack } = world);
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Waits until the handoff has exactly one post and its ts is recorded; returns that message. */
  async function delivered(handoffId: string): Promise<StoredMessage> {
    await slackApi.waitFor(() => postsOf(slackApi, handoffId).length > 0);
    await slack.idle();
    const posts = postsOf(slackApi, handoffId);
    expect(posts).toHaveLength(1);
    const [row] = await services.db.query<{ slack_channel: string; slack_ts: string }>(
      "SELECT slack_channel, slack_ts FROM handoffs WHERE id = $1",
      [handoffId],
    );
    const post = posts[0] as StoredMessage;
    expect(row).toEqual({ slack_channel: post.channel, slack_ts: post.ts });
    return post;
  }
  const telegramTextsTo = (chatId: string) => world.telegramTextsTo(chatId);
  const stateOf = async (id: string) =>
    (await services.db.query<{ state: string }>("SELECT state FROM handoffs WHERE id = $1", [id]))[0]?.state;
  async function press(action: string, handoffId: string, user: typeof AYLIN, message: StoredMessage) {
    const res = await postInteraction(services.app, buttonPress(action, handoffId, user, message));
    expect(res.status).toBe(200);
    await slack.idle();
  }

  it("a Telegram family's request reaches the project's channel; take over and done tell the family", async () => {
    const u = world.telegramUser(4242, "de");
    await u.say("/start");
    await u.choose("role:family");
    await u.choose("age:6-9");
    await u.choose("focus:reading");
    await u.shareLocation(50.9375, 6.9603);
    await u.choose(/^proj:/);
    await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:chat");
    await u.choose("msg:skip");
    const [h] = await services.db.query<{ id: string; project_id: string }>(
      "SELECT id, project_id FROM handoffs WHERE channel = 'telegram' AND channel_user_id = '4242'",
    );
    if (!h) throw new Error("no handoff was created");
    const post = await delivered(h.id);
    const project = services.catalogue.get().get(h.project_id);
    const expected = project?.slackChannelId ?? (project?.state === "NW" ? CHANNELS.nw : CHANNELS.fallback);
    expect(post.channel).toBe(expected);
    expect(blockText(post.blocks)).toContain(ACTION.take);

    await press(ACTION.take, h.id, AYLIN, post);
    await slackApi.waitFor(() => blockText(post.blocks).includes("<@U0COORD1>"));
    await tgApi.waitFor(() => telegramTextsTo("4242").some((t) => t.includes("Aylin")));
    expect(await stateOf(h.id)).toBe("taken");
    const taken = telegramTextsTo("4242").find((t) => t.includes("Aylin"));
    expect(taken).toBe(de("handoff.update.takenChat", { name: "Aylin", project: project?.name }));
    expect(blockText(post.blocks)).toContain(ACTION.done);
    expect(blockText(post.blocks)).not.toContain(ACTION.take);

    await press(ACTION.done, h.id, AYLIN, post);
    await tgApi.waitFor(() =>
      telegramTextsTo("4242").includes(
        `${de("handoff.update.done", { project: project?.name })}\n\n${de("relay.ended", { project: project?.name })}`,
      ),
    );
    await slack.idle();
    expect(await stateOf(h.id)).toBe("done");
    expect(blockText(post.blocks)).toContain("✅");
    expect(blockText(post.blocks)).not.toContain(`"${ACTION.done}"`);
  });

  it("routes project channel → Land channel → default channel", async () => {
    const a = await createHandoff(services.db, { projectId: PROJECTS.withChannel });
    const b = await createHandoff(services.db, { projectId: PROJECTS.nwWithout });
    const c = await createHandoff(services.db, { projectId: PROJECTS.byWithout });
    slack.dispatcher.wake();
    expect((await delivered(a.id)).channel).toBe(CHANNELS.project);
    expect((await delivered(b.id)).channel).toBe(CHANNELS.nw);
    expect((await delivered(c.id)).channel).toBe(CHANNELS.fallback);
  });

  it("renders the message with escaped user text, the language by its own name, and saves it", async () => {
    const h = await createHandoff(services.db, {
      contactMethod: "phone",
      contactValue: "+49 221 1234567",
      language: "ar",
    });
    const chat = await createHandoff(services.db, { contactMethod: "chat" });
    slack.dispatcher.wake();
    const post = await delivered(h.id);
    const text = blockText(post.blocks);
    expect(text).not.toMatch(/<!channel>|<@U0COORD2>|<https:/);
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).toContain("@\\u200bhere".replace("\\u200b", "\u200B"));
    expect(text).toContain("&amp;");
    expect(text).toContain("العربية (Arabisch)");
    expect(text).toContain("+49 221 1234567");
    expect(text).toContain("6–9 Jahre");
    expect(text).toContain("1,8 km");
    expect(post.text).not.toContain("Hallo");
    // With the chat way back, no phone or email appears.
    const chatPost = await delivered(chat.id);
    expect(blockText(chatPost.blocks)).not.toContain("📞");
    mkdirSync("test-output", { recursive: true });
    writeFileSync(
      "test-output/slack-handoff-blocks.json",
      `${JSON.stringify({ channel: post.channel, text: post.text, blocks: post.blocks }, null, 2)}\n`,
    );
  });

  it("a second take over is refused with an ephemeral note", async () => {
    const h = await createHandoff(services.db, { language: "en" });
    slack.dispatcher.wake();
    const post = await delivered(h.id);
    await press(ACTION.take, h.id, JONAS, post);
    await press(ACTION.take, h.id, AYLIN, post);
    const eph = slackApi.callsOf("chat.postEphemeral").at(-1);
    expect(eph?.body).toMatchObject({ user: AYLIN.id, channel: post.channel });
    expect(String(eph?.body.text)).toContain(de("handoff.state.taken"));
    await tgApi.waitFor(() =>
      telegramTextsTo(h.channelUserId).includes(
        en("handoff.update.takenChat", {
          name: "Jonas",
          project: services.catalogue.get().get(h.projectId)?.name,
        }),
      ),
    );
    const [row] = await services.db.query<{ taken_by: string; taken_by_name: string }>(
      "SELECT taken_by, taken_by_name FROM handoffs WHERE id = $1",
      [h.id],
    );
    expect(row).toEqual({ taken_by: JONAS.id, taken_by_name: "Jonas Weber" });
  });

  it("decline opens a modal; the reason stays in Slack and the family is pointed to other projects", async () => {
    const h = await createHandoff(services.db, { language: "en" });
    slack.dispatcher.wake();
    const post = await delivered(h.id);
    await press(ACTION.decline, h.id, AYLIN, post);
    const open = slackApi.callsOf("views.open").at(-1);
    const view = open?.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(VIEW.decline);
    const res = await postInteraction(
      services.app,
      viewSubmission(
        VIEW.decline,
        view.private_metadata,
        { reason: { reason: { type: "plain_text_input", value: "Keine Plätze <!here>" } } },
        AYLIN,
      ),
    );
    expect(res.status).toBe(200);
    await slack.idle();
    const project = services.catalogue.get().get(h.projectId)?.name;
    await tgApi.waitFor(() =>
      telegramTextsTo(h.channelUserId).includes(
        `${en("handoff.update.declined", { project })}\n\n${en("relay.ended", { project })}`,
      ),
    );
    expect(telegramTextsTo(h.channelUserId).join(" ")).not.toContain("Keine Plätze");
    expect(await stateOf(h.id)).toBe("declined");
    await slackApi.waitFor(() => blockText(post.blocks).includes("Keine Plätze &lt;!here&gt;"));
    expect(blockText(post.blocks)).not.toContain('"actions"');
  });

  it("forward searches projects, re-posts to the new project's route and marks the old message", async () => {
    const h = await createHandoff(services.db, { projectId: PROJECTS.withChannel, language: "en" });
    slack.dispatcher.wake();
    const post = await delivered(h.id);
    await press(ACTION.forward, h.id, AYLIN, post);
    const view = slackApi.callsOf("views.open").at(-1)?.body.view as {
      callback_id: string;
      private_metadata: string;
    };
    expect(view.callback_id).toBe(VIEW.forward);

    const options = await postInteraction(
      services.app,
      blockSuggestion("forward_project", "Hausaufgabenpaten Mönchberg", AYLIN),
    );
    expect(options.status).toBe(200);
    const { options: found } = (await options.json()) as {
      options: { value: string; text: { text: string } }[];
    };
    expect(found.map((o) => o.value)).toContain(PROJECTS.byWithout);

    const selected = {
      type: "external_select",
      selected_option: { value: PROJECTS.byWithout, text: { type: "plain_text", text: "x" } },
    };
    const res = await postInteraction(
      services.app,
      viewSubmission(VIEW.forward, view.private_metadata, { project: { forward_project: selected } }, AYLIN),
    );
    expect(res.status).toBe(200);
    await slack.idle();

    // Only a proposal: the family is asked in their language; nothing moves before their yes.
    const oldName = services.catalogue.get().get(PROJECTS.withChannel)?.name ?? "";
    const newName = services.catalogue.get().get(PROJECTS.byWithout)?.name ?? "";
    const family = world.telegramUser(Number(h.channelUserId), "en");
    await tgApi.waitFor(() =>
      telegramTextsTo(h.channelUserId).some((t) => t.startsWith(`${oldName} suggests ${newName}`)),
    );
    expect(postsOf(slackApi, h.id)).toHaveLength(1);
    expect((await services.db.query("SELECT project_id FROM handoffs WHERE id = $1", [h.id]))[0]).toEqual({
      project_id: PROJECTS.withChannel,
    });
    await slackApi.waitFor(() =>
      slackApi.threadOf(post.channel, post.ts).some((m) => (m.text ?? "").includes("➡️")),
    );
    expect(blockText(post.blocks)).toContain("⏳");

    const answered = await family.choose(`fwd:yes:${h.id}`);
    expect(answered.map((c) => String(c.body.text ?? "")).join("\n")).toContain(
      en("forward.done", { project: newName }),
    );
    await slackApi.waitFor(() => postsOf(slackApi, h.id).length === 2);
    await slack.idle();
    const [, second] = postsOf(slackApi, h.id);
    expect(second?.channel).toBe(CHANNELS.fallback);
    expect(blockText(second?.blocks)).toContain("Lesefüchse");
    expect(blockText(post.blocks)).toContain("➡️");
    expect(blockText(post.blocks)).not.toContain('"actions"');
    const [row] = await services.db.query<{
      project_id: string;
      state: string;
      slack_ts: string;
      forwarded_from: string;
    }>("SELECT project_id, state, slack_ts, forwarded_from FROM handoffs WHERE id = $1", [h.id]);
    expect(row).toEqual({
      project_id: PROJECTS.byWithout,
      state: "open",
      slack_ts: second?.ts,
      forwarded_from: PROJECTS.withChannel,
    });
    const audit = await services.db.query<{ action: string; outcome: string; slack_user_id: string }>(
      "SELECT action, outcome, slack_user_id FROM handoff_actions WHERE handoff_id = $1 ORDER BY id",
      [h.id],
    );
    expect(audit).toEqual([
      { action: "forward", outcome: "proposed", slack_user_id: AYLIN.id },
      { action: "forward", outcome: "applied", slack_user_id: AYLIN.id },
    ]);

    // Forwarding to the project it is already with is refused inside the modal.
    const again = await postInteraction(
      services.app,
      viewSubmission(VIEW.forward, view.private_metadata, { project: { forward_project: selected } }, AYLIN),
    );
    expect(await again.json()).toMatchObject({ response_action: "errors" });
  });

  it("a web chat family answers a forward proposal with the buttons of its inbox message", async () => {
    const sid = "a0123456789abcdef0123456789abcde";
    const h = await createHandoff(services.db, { channel: "web", channelUserId: sid, language: "en" });
    slack.dispatcher.wake();
    const post = await delivered(h.id);
    await press(ACTION.forward, h.id, AYLIN, post);
    const view = slackApi.callsOf("views.open").at(-1)?.body.view as { private_metadata: string };
    const selected = {
      type: "external_select",
      selected_option: { value: PROJECTS.byWithout, text: { type: "plain_text", text: "x" } },
    };
    await postInteraction(
      services.app,
      viewSubmission(VIEW.forward, view.private_metadata, { project: { forward_project: selected } }, AYLIN),
    );
    await slack.idle();
    const cookie = `pf_sid=${await services.visitors.cookieValue(sid)}`;
    const headers = { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" };
    const res = await services.app.request("/api/chat/inbox?after=0", { headers });
    const { messages } = (await res.json()) as {
      messages: { text: string; choices?: { id: string; label: string }[] }[];
    };
    const question = messages.at(-1);
    expect(question?.choices).toEqual([
      { id: `fwd:yes:${h.id}`, label: en("forward.yes") },
      { id: `fwd:no:${h.id}`, label: en("forward.no") },
    ]);
    expect(postsOf(slackApi, h.id)).toHaveLength(1);

    const turn = await services.app.request("/api/chat", {
      method: "POST",
      headers,
      body: JSON.stringify({ event: { type: "choice", id: `fwd:yes:${h.id}` } }),
    });
    expect(turn.status).toBe(200);
    const { replies } = (await turn.json()) as { replies: { text?: string }[] };
    const newName = services.catalogue.get().get(PROJECTS.byWithout)?.name;
    expect(replies.map((r) => r.text).join("\n")).toContain(en("forward.done", { project: newName }));
    slack.dispatcher.wake();
    await slackApi.waitFor(() => postsOf(slackApi, h.id).length === 2);
  });

  it("a web chat requester reads the notice through GET /api/chat/inbox", async () => {
    const sid = "0123456789abcdef0123456789abcdef";
    const h = await createHandoff(services.db, { channel: "web", channelUserId: sid, language: "en" });
    slack.dispatcher.wake();
    const post = await delivered(h.id);
    await press(ACTION.take, h.id, AYLIN, post);
    await slackApi.waitFor(() => blockText(post.blocks).includes("<@U0COORD1>"));
    await slack.idle();
    const inbox = async (after: number, who = sid) => {
      const res = await services.app.request(`/api/chat/inbox?after=${after}`, {
        headers: {
          cookie: `pf_sid=${await services.visitors.cookieValue(who)}`,
          "sec-fetch-site": "same-origin",
        },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { messages: { id: number; text: string }[] }).messages;
    };
    const messages = await inbox(0);
    expect(messages.map((m) => m.text)).toEqual([
      en("handoff.update.takenChat", {
        name: "Aylin",
        project: services.catalogue.get().get(h.projectId)?.name,
      }),
    ]);
    expect(await inbox(messages[0]?.id ?? 0)).toEqual([]);
    expect(await inbox(0, "fedcba9876543210fedcba9876543210")).toEqual([]);
    const cross = await services.app.request("/api/chat/inbox?after=0", {
      headers: {
        cookie: `pf_sid=${await services.visitors.cookieValue(sid)}`,
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
    });
    expect(cross.status).toBe(403);
  });
});
