import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../bot/i18n.js";
import { buttonPress, messageEvent, postEvent, postInteraction } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const DM = "D0VOLUNT1";
const VOLUNTEER = { id: "U0VOLUNT1", name: "vera" };
const de = translator("de");

interface Block {
  type: string;
  text?: { text: string };
  elements?: { action_id: string; value?: string; url?: string; text: { text: string } }[];
}

describe("direct messages to the app run the dialog engine, answered in Block Kit", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  const dmMessages = () => w.slackApi.messagesIn(DM);
  async function answerTo(send: () => Promise<Response>): Promise<StoredMessage> {
    const before = dmMessages().length;
    const res = await send();
    expect(res.status).toBe(200);
    await w.slack.idle();
    const after = dmMessages();
    expect(after).toHaveLength(before + 1);
    return after.at(-1) as StoredMessage;
  }
  const say = (text: string) =>
    answerTo(() =>
      postEvent(w.services.app, messageEvent({ channel: DM, user: VOLUNTEER.id, text, channelType: "im" })),
    );
  const press = (m: StoredMessage, value: string) => {
    const button = buttons(m).find((b) => b.value === value);
    if (!button)
      throw new Error(
        `no button ${value}: ${buttons(m)
          .map((b) => b.value)
          .join(" ")}`,
      );
    return answerTo(() =>
      postInteraction(
        w.services.app,
        buttonPress(button.action_id, value, VOLUNTEER, { channel: DM, ts: m.ts }),
      ),
    );
  };
  const blocks = (m: StoredMessage) => (m.blocks ?? []) as Block[];
  const buttons = (m: StoredMessage) =>
    blocks(m).flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
  const sectionText = (m: StoredMessage) =>
    blocks(m)
      .filter((b) => b.type === "section")
      .map((b) => b.text?.text ?? "")
      .join("\n");

  it("greets with the role buttons and leads a volunteer to project suggestions", async () => {
    const hello = await say("Hallo <!channel>");
    expect(sectionText(hello)).toContain(de("start.greeting").slice(0, 20));
    const roles = buttons(hello);
    expect(roles.map((b) => b.value)).toContain("role:volunteer");
    for (const b of roles) expect(b.action_id).toMatch(/^dialog_choice(:\d+)?$/);
    expect(new Set(roles.map((b) => b.action_id)).size).toBe(roles.length);

    let m = await press(hello, "role:volunteer");
    m = await say("50667");
    for (let i = 0; i < 8 && !buttons(m).some((b) => b.value?.startsWith("proj:")); i++) {
      const next =
        buttons(m).find((b) => b.value === "vlang:done") ??
        buttons(m).find((b) => !b.value?.startsWith("menu:") && !b.value?.startsWith("lang"));
      if (!next?.value) break;
      m = await press(m, next.value);
    }
    const projects = buttons(m).filter((b) => b.value?.startsWith("proj:"));
    expect(projects.length).toBeGreaterThan(0);
    expect(sectionText(m)).toMatch(/km/);
    const [session] = await w.services.db.query<{ data: { role: string } }>(
      "SELECT data FROM sessions WHERE channel = 'slack' AND channel_user_id = $1",
      [VOLUNTEER.id],
    );
    expect(session?.data.role).toBe("volunteer");
  });

  it("lets a Slack user see and delete their data with plain words, since Slack owns /commands", async () => {
    const shown = await say("meine Daten");
    expect(sectionText(shown)).toContain(de("mydata.title").slice(0, 12));
    const asked = await say("löschen");
    expect(buttons(asked).map((b) => b.value)).toContain("del:yes");
    await press(asked, "del:yes");
    const rows = await w.services.db.query(
      "SELECT 1 FROM sessions WHERE channel = 'slack' AND channel_user_id = $1",
      [VOLUNTEER.id],
    );
    expect(rows).toHaveLength(0);
  });

  it("answers a DM and a button tap once, however often Slack delivers them", async () => {
    const envelope = messageEvent({ channel: DM, user: VOLUNTEER.id, text: "hilfe", channelType: "im" });
    const before = dmMessages().length;
    const retry = { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } };
    for (const opts of [undefined, retry, retry]) {
      expect((await postEvent(w.services.app, envelope, opts)).status).toBe(200);
      await w.slack.idle();
    }
    expect(dmMessages()).toHaveLength(before + 1);
    const help = dmMessages().at(-1) as StoredMessage;
    const button = buttons(help).find((b) => b.value);
    if (!button?.value) throw new Error("the help answer has no button");
    const tap = buttonPress(button.action_id, button.value, VOLUNTEER, { channel: DM, ts: help.ts });
    for (let i = 0; i < 2; i++) {
      expect((await postInteraction(w.services.app, tap)).status).toBe(200);
      await w.slack.idle();
    }
    expect(dmMessages()).toHaveLength(before + 2);
  });

  it("ignores its own messages and thread replies in the DM", async () => {
    const before = dmMessages().length;
    const own = messageEvent({ channel: DM, user: "U0BOT0001", text: "echo", channelType: "im" });
    (own.event as Record<string, unknown>).bot_id = "B0BOT0001";
    await postEvent(w.services.app, own);
    await w.slack.idle();
    expect(dmMessages()).toHaveLength(before);
  });
});
