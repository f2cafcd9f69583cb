import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { translator } from "../bot/i18n.js";
import { CHANNELS, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { buttonPress, postInteraction } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const HOUR = 3_600_000;
const en = translator("en");
const slackDe = (await import("../locales/slack/de.json", { with: { type: "json" } })).default;

describe("follow-up of handoffs nobody takes over (injected clock)", () => {
  let w: SlackWorld;
  /** The app's clock runs with real time (outbox rows are stamped by the database) plus this offset. */
  let clock = 0;

  beforeAll(async () => {
    w = await startSlackWorld({ now: () => new Date(Date.now() + clock) });
  });
  afterAll(async () => {
    await w?.close();
  });

  async function delivered(handoffId: string): Promise<StoredMessage> {
    w.slack.dispatcher.wake();
    await w.slackApi.waitFor(() => postsOf(w.slackApi, handoffId).length > 0);
    await w.slack.idle();
    return postsOf(w.slackApi, handoffId)[0] as StoredMessage;
  }
  async function followUps() {
    const counts = await w.slack.followUps.runOnce();
    await w.slack.idle();
    return counts;
  }
  const escalations = () => w.slackApi.messagesIn(CHANNELS.fallback).filter((m) => m.text?.startsWith("⏰"));

  it("reminds once after 48 h with one escalation, and after 7 days tells the requester with other projects", async () => {
    const h = await createHandoff(w.services.db, { language: "en", channelUserId: "7101" });
    const taken = await createHandoff(w.services.db, { language: "en", channelUserId: "7102" });
    const post = await delivered(h.id);
    const takenPost = await delivered(taken.id);
    await postInteraction(
      w.services.app,
      buttonPress(ACTION.take, taken.id, { id: "U0COORD1", name: "a" }, takenPost),
    );
    await w.slack.idle();

    clock += 47 * HOUR;
    expect(await followUps()).toEqual({ reminded: 0, expired: 0 });
    expect(w.slackApi.threadOf(post.channel, post.ts)).toEqual([]);

    clock += 1 * HOUR;
    expect(await followUps()).toEqual({ reminded: 1, expired: 0 });
    await w.slackApi.waitFor(() => w.slackApi.threadOf(post.channel, post.ts).length === 1);
    await w.slackApi.waitFor(() => escalations().length === 1);
    expect(w.slackApi.threadOf(post.channel, post.ts)[0]?.text).toBe(
      slackDe.followup.reminder.replace("{{hours}}", "48"),
    );
    const escalation = escalations()[0]?.text ?? "";
    expect(escalation).toContain(`<#${post.channel}>`);
    expect(escalation).toContain(`p${post.ts.replace(".", "")}`);
    expect(escalation).toContain("Lesefüchse");

    clock += 24 * HOUR;
    expect(await followUps()).toEqual({ reminded: 0, expired: 0 });
    expect(escalations()).toHaveLength(1);
    expect(w.slackApi.threadOf(takenPost.channel, takenPost.ts)).toEqual([]);
    expect(w.telegramTextsTo(7101)).toEqual([]);

    clock += 5 * 24 * HOUR; // 7 days and 24 h after posting
    expect(await followUps()).toEqual({ reminded: 0, expired: 1 });
    const project = w.services.catalogue.get().get(h.projectId)?.name ?? "";
    await w.tgApi.waitFor(() => w.telegramTextsTo(7101).length === 1);
    const told = w.telegramTextsTo(7101)[0] ?? "";
    expect(told.startsWith(en("followup.expired", { project }))).toBe(true);
    expect(told).toContain(en("followup.others"));
    expect(told).toContain("• ");
    expect(told).not.toContain(`• ${project} `);
    expect(told.endsWith(en("followup.searchAgain"))).toBe(true);
    await w.slackApi.waitFor(() => w.slackApi.threadOf(post.channel, post.ts).length === 2);
    expect(w.slackApi.threadOf(post.channel, post.ts)[1]?.text).toBe(slackDe.followup.expired);

    clock += 24 * HOUR;
    expect(await followUps()).toEqual({ reminded: 0, expired: 0 });
    expect(w.telegramTextsTo(7101)).toHaveLength(1);
    const [row] = await w.services.db.query<{ state: string }>("SELECT state FROM handoffs WHERE id = $1", [
      h.id,
    ]);
    expect(row?.state).toBe("open");
  });

  it("a handoff already in the default channel gets the thread reminder but no second post there", async () => {
    const h = await createHandoff(w.services.db, { projectId: PROJECTS.byWithout, channelUserId: "7103" });
    const post = await delivered(h.id);
    expect(post.channel).toBe(CHANNELS.fallback);
    const before = escalations().length;
    clock += 49 * HOUR;
    expect(await followUps()).toMatchObject({ reminded: 1 });
    await w.slackApi.waitFor(() => w.slackApi.threadOf(post.channel, post.ts).length === 1);
    await w.slack.idle();
    expect(escalations()).toHaveLength(before);
  });
});
