import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VIEW } from "../adapters/slack/handoff-actions.js";
import { ACTION } from "../adapters/slack/handoff-blocks.js";
import { formatKm } from "../bot/i18n.js";
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
    await postInteraction(
      w.services.app,
      viewSubmission(VIEW.forward, view.private_metadata, { project: { forward_project: selected } }, AYLIN),
    );
    const [, second] = await delivered(h.id, 2);
    const expected = formatKm(Math.round(distanceKm(FAMILY, target) * 10) / 10, "de");
    expect(blockText(second?.blocks)).toContain(expected);
    expect(blockText(second?.blocks)).not.toContain(formatKm(1.8, "de"));
  });
});
