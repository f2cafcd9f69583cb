import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listHandoffActions } from "../adapters/db/handoff-audit-store.js";
import { VIEW } from "../adapters/slack/handoff-actions.js";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { blockText, CHANNELS, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import {
  buttonPress,
  messageEvent,
  postEvent,
  postInteraction,
  viewSubmission,
} from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const AYLIN = { id: "U0COORD1", name: "aylin" };
const OUTSIDER = { id: "U0OUTSIDE", name: "mallory" };
const ADMIN = { id: "U0ADMIN01", name: "admin" };
const slackDe = (await import("../locales/slack/de.json", { with: { type: "json" } })).default;

describe("Slack: who may act on a handoff, and the record of who did", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld({ env: { SLACK_ADMIN_USERS: `${ADMIN.id}, U0OTHER01` } });
  });
  afterAll(async () => w?.close());

  async function delivered(handoffId: string): Promise<StoredMessage> {
    w.slack.dispatcher.wake();
    await w.slackApi.waitFor(() => postsOf(w.slackApi, handoffId).length > 0);
    await w.slack.idle();
    return postsOf(w.slackApi, handoffId).at(-1) as StoredMessage;
  }
  async function press(action: string, handoffId: string, user: typeof AYLIN, message: StoredMessage) {
    const res = await postInteraction(w.services.app, buttonPress(action, handoffId, user, message));
    expect(res.status).toBe(200);
    await w.slack.idle();
  }
  const stateOf = async (id: string) =>
    (await w.services.db.query<{ state: string }>("SELECT state FROM handoffs WHERE id = $1", [id]))[0]
      ?.state;
  const lastEphemeral = () => w.slackApi.callsOf("chat.postEphemeral").at(-1)?.body;

  it("refuses an outsider (recorded, explained to them only) and records and shows an insider's action", async () => {
    const h = await createHandoff(w.services.db, { projectId: PROJECTS.withChannel });
    const post = await delivered(h.id);
    expect(post.channel).toBe(CHANNELS.project);

    for (const action of [ACTION.take, ACTION.decline, ACTION.forward])
      await press(action, h.id, OUTSIDER, post);
    expect(await stateOf(h.id)).toBe("open");
    expect(w.slackApi.callsOf("views.open").filter((c) => JSON.stringify(c.body).includes(h.id))).toEqual([]);
    expect(lastEphemeral()).toMatchObject({
      user: OUTSIDER.id,
      text: slackDe.handoff.notMember.replace("{{channel}}", CHANNELS.project),
    });

    await press(ACTION.take, h.id, AYLIN, post);
    expect(await stateOf(h.id)).toBe("taken");
    const log = await listHandoffActions(w.services.db, h.id);
    expect(log.map((a) => [a.action, a.slackUserId, a.outcome])).toEqual([
      ["take", OUTSIDER.id, "not_member"],
      ["decline", OUTSIDER.id, "not_member"],
      ["forward", OUTSIDER.id, "not_member"],
      ["take", AYLIN.id, "applied"],
    ]);
    expect(log.every((a) => Date.parse(a.at) > 0)).toBe(true);
    // Shown on the message: who did what, when.
    await w.slackApi.waitFor(() => blockText(post.blocks).includes("übernommen von <@U0COORD1>"));
    expect(blockText(post.blocks)).toMatch(/Verlauf: übernommen von <@U0COORD1> \(\d/);
    expect(blockText(post.blocks)).not.toContain(OUTSIDER.id);
  });

  it("lets a configured admin act on any request, without being in its channel", async () => {
    const h = await createHandoff(w.services.db, { projectId: PROJECTS.nwWithout });
    const post = await delivered(h.id);
    await press(ACTION.take, h.id, ADMIN, post);
    expect(await stateOf(h.id)).toBe("taken");
    await press(ACTION.done, h.id, ADMIN, post);
    expect(await stateOf(h.id)).toBe("done");
  });

  it("refuses buttons of the old message after a forward, saying where the request went", async () => {
    const h = await createHandoff(w.services.db, { projectId: PROJECTS.withChannel });
    const old = await delivered(h.id);
    await press(ACTION.forward, h.id, AYLIN, old);
    const view = w.slackApi.callsOf("views.open").at(-1)?.body.view as { private_metadata: string };
    const selected = {
      type: "external_select",
      selected_option: { value: PROJECTS.byWithout, text: { type: "plain_text", text: "x" } },
    };
    await postInteraction(
      w.services.app,
      viewSubmission(VIEW.forward, view.private_metadata, { project: { forward_project: selected } }, AYLIN),
    );
    await w.slack.idle();
    // A forward is a proposal until the family says yes.
    await w.telegramUser(Number(h.channelUserId), "ar").choose(`fwd:yes:${h.id}`);
    await w.slackApi.waitFor(() => postsOf(w.slackApi, h.id).length === 2);
    await w.slack.idle();

    await press(ACTION.take, h.id, AYLIN, old);
    expect(await stateOf(h.id)).toBe("open");
    const name = w.services.catalogue.get().get(PROJECTS.byWithout)?.name ?? "";
    expect(lastEphemeral()).toMatchObject({
      user: AYLIN.id,
      text: slackDe.handoff.stale.replace("{{project}}", name),
    });
    // The same modal submitted again (opened on the old message) is stale too.
    await postInteraction(
      w.services.app,
      viewSubmission(VIEW.forward, view.private_metadata, { project: { forward_project: selected } }, AYLIN),
    );
    await w.slack.idle();
    const outcomes = (await listHandoffActions(w.services.db, h.id)).map((a) => `${a.action}:${a.outcome}`);
    expect(outcomes).toEqual(["forward:proposed", "forward:applied", "take:stale"]);
    // The new message works.
    const current = postsOf(w.slackApi, h.id).at(-1) as StoredMessage;

    // A reply in the old thread does not vanish: its author hears where the request went.
    const reply = await postEvent(
      w.services.app,
      messageEvent({ channel: old.channel, user: AYLIN.id, text: "Noch da?", threadTs: old.ts }),
    );
    expect(reply.status).toBe(200);
    await w.slackApi.waitFor(() => lastEphemeral()?.thread_ts === old.ts);
    expect(lastEphemeral()).toMatchObject({
      user: AYLIN.id,
      thread_ts: old.ts,
      text: slackDe.relay.forwarded
        .replace("{{project}}", name)
        .replace("{{channel}}", `<#${current.channel}>`),
    });
    await press(ACTION.take, h.id, AYLIN, current);
    expect(await stateOf(h.id)).toBe("taken");
  });

  it("hides the family's own number in a coordinator's reply, keeps the office number, and tells the coordinator", async () => {
    const user = "7001";
    await createHandoff(w.services.db, {
      channelUserId: user,
      contactMethod: "phone",
      contactValue: "+49 170 1234567",
      projectId: PROJECTS.nwWithout,
    });
    const h = await createHandoff(w.services.db, {
      channelUserId: user,
      contactMethod: "chat",
      language: "de",
    });
    const post = await delivered(h.id);
    const res = await postEvent(
      w.services.app,
      messageEvent({
        channel: post.channel,
        user: AYLIN.id,
        text: "Ist 0170 123 45 67 Ihre Nummer? Unser Büro: 0221 555 0000",
        threadTs: post.ts,
      }),
    );
    expect(res.status).toBe(200);
    await w.slack.idle();
    await w.tgApi.waitFor(() => w.telegramTextsTo(user).some((t) => t.includes("Unser Büro")));
    const relayed = w.telegramTextsTo(user).find((t) => t.includes("Unser Büro")) ?? "";
    expect(relayed).toContain("Ist […] Ihre Nummer? Unser Büro: 0221 555 0000");
    expect(lastEphemeral()).toMatchObject({ user: AYLIN.id, text: slackDe.relay.masked });
  });
});
