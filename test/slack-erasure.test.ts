import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { translator } from "../bot/i18n.js";
import { blockText, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { buttonPress, postInteraction } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const AYLIN = { id: "U0COORD1", name: "aylin" };
const de = translator("de");
const slackDe = (await import("../locales/slack/de.json", { with: { type: "json" } })).default;

/** Everything the stand-in holds, as one string: text, blocks and metadata of every message. */
function everythingIn(w: SlackWorld): string {
  return JSON.stringify(w.slackApi.messages);
}

describe("/delete erases what the family wrote wherever the app put it in Slack", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  async function press(action: string, handoffId: string, post: StoredMessage) {
    const res = await postInteraction(w.services.app, buttonPress(action, handoffId, AYLIN, post));
    expect(res.status).toBe(200);
    await w.slack.idle();
  }

  it("redacts every request's message and deletes relayed messages, through a Slack outage, then says so", async () => {
    // Request 1, through the dialog: the way back is the chat, and the family writes into the thread.
    const u = w.telegramUser(6301, "de");
    await u.say("/start");
    await u.choose("role:family");
    await u.choose("age:6-9");
    await u.choose("focus:reading");
    await u.shareLocation(50.9375, 6.9603);
    await u.choose(/^proj:/);
    await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:chat");
    await u.say("Unsere Tochter Leyla liest noch sehr langsam");
    const [chat] = await w.services.db.query<{ id: string }>(
      "SELECT id FROM handoffs WHERE channel = 'telegram' AND channel_user_id = '6301'",
    );
    if (!chat) throw new Error("no handoff");
    w.slack.dispatcher.wake();
    await w.slackApi.waitFor(() => postsOf(w.slackApi, chat.id).length === 1);
    await w.slack.idle();
    const first = postsOf(w.slackApi, chat.id)[0] as StoredMessage;
    await u.say("Wir wohnen übrigens in der Venloer Straße 12, Klingel Nowak");
    await u.say("Leyla hat dienstags Zeit");
    await w.slackApi.waitFor(() => w.slackApi.threadOf(first.channel, first.ts).length === 2);
    await w.slack.idle();

    // Request 2, by phone, already done (a closed request keeps its post in Slack).
    const phone = await createHandoff(w.services.db, {
      channelUserId: "6301",
      language: "de",
      projectId: PROJECTS.nwWithout,
      contactMethod: "phone",
      contactValue: "+49 170 5550101",
      message: "Bitte abends anrufen, Familie Nowak",
    });
    w.slack.dispatcher.wake();
    await w.slackApi.waitFor(() => postsOf(w.slackApi, phone.id).length === 1);
    await w.slack.idle();
    const second = postsOf(w.slackApi, phone.id)[0] as StoredMessage;
    await press(ACTION.take, phone.id, second);
    await press(ACTION.done, phone.id, second);

    const familyWrote = ["Leyla", "Venloer", "Nowak", "dienstags", "5550101"];
    for (const words of familyWrote) expect(everythingIn(w)).toContain(words);

    // Slack fails the first erasures (500 before the effect): delayed, never skipped.
    w.slackApi.failNext(2, 500, "chat.delete");
    w.slackApi.failNext(1, 500, "chat.update");
    await u.say("/delete");
    const done = await u.choose("del:yes");
    const said = done.map((c) => String(c.body.text ?? "")).join("\n");
    // Not "everything is deleted" while Slack still holds copies.
    expect(said).toContain(de("delete.donePending"));
    expect(said).not.toContain(de("delete.done"));

    await w.tgApi.waitFor(() => w.telegramTextsTo(6301).includes(de("delete.slackDone")), 20_000);
    await w.slack.idle();
    const all = everythingIn(w);
    for (const words of familyWrote) expect(all).not.toContain(words);
    // The requests' messages remain as a note for the coordinators; the relayed messages are gone.
    expect(w.slackApi.threadOf(first.channel, first.ts)).toEqual([]);
    const redacted = slackDe.erased.deleted.split("{{")[0] ?? "";
    for (const post of [first, second]) {
      const now = w.slackApi.messages.find((m) => m.channel === post.channel && m.ts === post.ts);
      expect(now?.text?.startsWith(redacted)).toBe(true);
      expect(blockText(now?.blocks)).not.toContain(ACTION.take);
    }
    const [left] = await w.services.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM slack_posts WHERE handoff_id = ANY($1::text[]) AND erased_at IS NULL`,
      [[chat.id, phone.id]],
    );
    expect(Number(left?.n)).toBe(0);
    // Who to tell is not kept once told.
    const notify = await w.services.db.query(
      "SELECT 1 FROM outbox WHERE topic = 'slack.erase' AND payload ? 'notify'",
    );
    expect(notify).toEqual([]);
  });

  it("says plainly that everything is deleted when Slack holds nothing of the person", async () => {
    const u = w.telegramUser(6302, "en");
    await u.say("/start");
    await u.say("/delete");
    const done = await u.choose("del:yes");
    expect(done.map((c) => String(c.body.text ?? "")).join("\n")).toContain(translator("en")("delete.done"));
  });
});
