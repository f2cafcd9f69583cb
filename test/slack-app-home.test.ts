import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { CHANNELS, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { buttonPress, eventEnvelope, postEvent, postInteraction } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const HOUR = 3_600_000;

describe("App Home: the open handoffs of the coordinator's channels", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
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
  async function openHome(user: string) {
    const before = w.slackApi.callsOf("views.publish").length;
    const res = await postEvent(
      w.services.app,
      eventEnvelope({ type: "app_home_opened", user, channel: "D0HOME", tab: "home", event_ts: "1.1" }),
    );
    expect(res.status).toBe(200);
    await w.slack.idle();
    const calls = w.slackApi.callsOf("views.publish");
    expect(calls).toHaveLength(before + 1);
    const call = calls.at(-1);
    expect(call?.body.user_id).toBe(user);
    const view = call?.body.view as { type: string; blocks: { type: string; text?: { text: string } }[] };
    expect(view.type).toBe("home");
    return view.blocks.filter((b) => b.type === "section").map((b) => b.text?.text ?? "");
  }

  it("lists open and taken handoffs of the user's channels only, oldest first, with age and state", async () => {
    const first = await createHandoff(w.services.db, {
      projectId: PROJECTS.withChannel,
      createdAt: new Date(Date.now() - 72 * HOUR).toISOString(),
    });
    const second = await createHandoff(w.services.db, { projectId: PROJECTS.byWithout });
    const elsewhere = await createHandoff(w.services.db, { projectId: PROJECTS.nwWithout });
    const closed = await createHandoff(w.services.db, { projectId: PROJECTS.withChannel });
    for (const h of [first, second, elsewhere]) await delivered(h.id);
    const closedPost = await delivered(closed.id);
    const secondPost = postsOf(w.slackApi, second.id)[0] as StoredMessage;
    const aylin = { id: "U0COORD1", name: "aylin" };
    await postInteraction(w.services.app, buttonPress(ACTION.take, second.id, aylin, secondPost));
    await postInteraction(w.services.app, buttonPress(ACTION.decline, closed.id, aylin, closedPost));
    await w.services.db.query("UPDATE handoffs SET state = 'done' WHERE id = $1", [closed.id]);
    await w.slack.idle();

    const lines = await openHome("U0COORD1");
    const tags = (h: { id: string }) => `\`${h.id.slice(0, 8)}\``;
    const rows = lines.filter((l) => l.includes("`"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(tags(first));
    expect(rows[0]).toContain("wartet seit 3 Tagen");
    expect(rows[0]).toContain(`<#${CHANNELS.project}>`);
    expect(rows[0]).toContain("🟡 offen");
    expect(rows[1]).toContain(tags(second));
    expect(rows[1]).toContain("übernommen von Aylin Demir");
    expect(lines.join("\n")).not.toContain(tags(elsewhere));
    expect(lines.join("\n")).not.toContain(tags(closed));

    const jonas = await openHome("U0COORD2");
    expect(jonas.join("\n")).toContain(tags(elsewhere));
    expect(await openHome("U0NOBODY")).toEqual(["Keine offenen Anfragen in deinen Channels. 🎉"]);
  });
});
