import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VIEW } from "../adapters/slack/handoff-actions.js";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { formatKm, translator } from "../bot/i18n.js";
import { distanceKm } from "../core/geo.js";
import { blockText, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { blockSuggestion, buttonPress, postInteraction, viewSubmission } from "./support/slack-requests.js";
import { type SlackWorld, startSlackWorld } from "./support/slack-services.js";
import type { StoredMessage } from "./support/slack-stand-in.js";

const AYLIN = { id: "U0COORD1", name: "aylin" };
/** The family searched from Köln-Ehrenfeld. */
const FAMILY = { lat: 50.95, lon: 6.92 };

describe("Slack forward: ranked and measured from the family", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  async function delivered(handoffId: string, count = 1): Promise<StoredMessage[]> {
    w.slack.dispatcher.wake();
    await w.slackApi.waitFor(() => postsOf(w.slackApi, handoffId).length >= count);
    await w.slack.idle();
    return postsOf(w.slackApi, handoffId);
  }

  it("offers the projects nearest to the family first, with their distance, and the forwarded post shows the new distance", async () => {
    const h = await createHandoff(w.services.db, { projectId: PROJECTS.withChannel, origin: FAMILY });
    const [post] = await delivered(h.id);
    if (!post) throw new Error("not posted");
    await postInteraction(w.services.app, buttonPress(ACTION.forward, h.id, AYLIN, post));
    await w.slack.idle();
    const view = w.slackApi.callsOf("views.open").at(-1)?.body.view as { private_metadata: string };

    const suggestion = blockSuggestion("forward_project", "Hausaufgabenpaten", AYLIN);
    const res = await postInteraction(w.services.app, {
      ...suggestion,
      view: { ...suggestion.view, private_metadata: view.private_metadata },
    });
    const { options } = (await res.json()) as { options: { value: string; text: { text: string } }[] };
    const catalogue = w.services.catalogue.get();
    const km = options.map((o) => {
      const p = catalogue.get(o.value);
      if (!p) throw new Error(`unknown project ${o.value}`);
      return distanceKm(FAMILY, p);
    });
    expect(options.length).toBeGreaterThan(3);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    const all = (catalogue.searchByName?.("Hausaufgabenpaten", 1000) ?? []).map((p) => distanceKm(FAMILY, p));
    expect(km[0]).toBeCloseTo(Math.min(...all), 6);
    expect(options[0]?.text.text).toMatch(/\d km\)$/);
    expect(options.map((o) => o.value)).not.toContain(PROJECTS.withChannel);

    // Forward to a project far away: the new post measures from the family, not from the old project.
    const target = catalogue.get(PROJECTS.byWithout);
    if (!target) throw new Error("no target project");
    const selected = {
      type: "external_select",
      selected_option: { value: target.id, text: { type: "plain_text", text: "x" } },
    };
    const propose = async () => {
      await postInteraction(
        w.services.app,
        viewSubmission(
          VIEW.forward,
          view.private_metadata,
          { project: { forward_project: selected } },
          AYLIN,
        ),
      );
      await w.slack.idle();
    };
    const family = w.telegramUser(Number(h.channelUserId), "ar");
    const ar = translator("ar");
    const question = ar("forward.ask", {
      from: catalogue.get(PROJECTS.withChannel)?.name,
      to: target.name,
      distance: formatKm(distanceKm(FAMILY, target), "ar"),
    });
    const projectOf = async () =>
      (
        await w.services.db.query<{ project_id: string }>("SELECT project_id FROM handoffs WHERE id = $1", [
          h.id,
        ])
      )[0]?.project_id;

    // The family is asked in Arabic, with the distance from where they searched; a no keeps it.
    await propose();
    await w.tgApi.waitFor(() => w.telegramTextsTo(h.channelUserId).includes(question));
    // /mydata lists the pending proposal too.
    const mydata = await family.say("/mydata");
    expect(mydata.map((c) => String(c.body.text ?? "")).join("\n")).toContain(
      ar("mydata.proposal", { project: target.name }),
    );
    await family.choose(`fwd:no:${h.id}`);
    await w.slack.idle();
    expect(await projectOf()).toBe(PROJECTS.withChannel);
    expect(postsOf(w.slackApi, h.id)).toHaveLength(1);
    await w.slackApi.waitFor(() =>
      w.slackApi.threadOf(post.channel, post.ts).some((m) => (m.text ?? "").includes("↩️")),
    );
    // That question is answered: its "yes" no longer moves anything.
    const stale = await family.choose(`fwd:yes:${h.id}`);
    expect(stale.map((c) => String(c.body.text ?? "")).join("\n")).toContain(ar("forward.gone"));
    expect(await projectOf()).toBe(PROJECTS.withChannel);

    // Proposed again, and this time the family says yes: only now is the request forwarded.
    await propose();
    await w.tgApi.waitFor(
      () => w.telegramTextsTo(h.channelUserId).filter((t) => t === question).length === 2,
    );
    await family.choose(`fwd:yes:${h.id}`);
    const [, second] = await delivered(h.id, 2);
    expect(await projectOf()).toBe(target.id);
    const expected = formatKm(Math.round(distanceKm(FAMILY, target) * 10) / 10, "de");
    expect(blockText(second?.blocks)).toContain(expected);
    expect(blockText(second?.blocks)).not.toContain(formatKm(1.8, "de"));
  });
});
