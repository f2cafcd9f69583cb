import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices, type Services } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { claimOutbox } from "../adapters/db/outbox-claim.js";
import { createLogger } from "../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";
import { HANDOFF_EVENT_TYPE } from "../adapters/slack/handoff-dispatcher.js";
import type { SlackAdapter } from "../adapters/slack/slack-adapter.js";
import type { NewHandoff } from "../core/handoff.js";
import { CHANNELS, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { SIGNING_SECRET } from "./support/slack-requests.js";
import { SlackStandIn } from "./support/slack-stand-in.js";

describe("Slack delivery under faults: every handoff arrives exactly once", () => {
  let slackApi: SlackStandIn;
  let services: Services;
  let slack: SlackAdapter;

  beforeAll(async () => {
    slackApi = await SlackStandIn.start();
    const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
    services = await composeServices(
      loadConfig({
        LOG_LEVEL: "silent",
        SLACK_BOT_TOKEN: slackApi.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slackApi.apiUrl,
        SLACK_DEFAULT_CHANNEL: CHANNELS.fallback,
      }),
      {
        logger: createLogger("silent"),
        gazetteerData,
        sampleCatalogue,
        inMemory: true,
        openDatabase,
        catalogueRefreshMs: 0,
        slackDispatcher: { pollMs: 100, backoffBaseMs: 50, leaseMs: 500 },
      },
    );
    if (!services.slack) throw new Error("compose did not create the Slack adapter");
    slack = services.slack;
  });

  afterAll(async () => {
    await services?.close();
    await slackApi?.close();
  });

  const pending = async () =>
    Number(
      (await services.db.query<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL"))[0]
        ?.n,
    );

  it("with 500s, 500s after the post took effect, 429 Retry-After and a failing history look-up", async () => {
    // Queued before the dispatcher starts: a restart resumes them.
    const handoffs: NewHandoff[] = [];
    for (let i = 0; i < 8; i++) {
      const projectId = i % 2 === 0 ? PROJECTS.withChannel : PROJECTS.byWithout;
      handoffs.push(await createHandoff(services.db, { projectId }));
    }
    slackApi.failNext(2, 500, "chat.postMessage");
    slackApi.failNext(2, 500, "chat.postMessage", { afterEffect: true });
    slackApi.failNext(1, 500, "conversations.history");
    slackApi.failNext(2, 429, "chat.postMessage");
    slackApi.failNext(1, 500, "chat.postMessage", { afterEffect: true });

    slack.start();
    await slackApi.waitFor(() => handoffs.every((h) => postsOf(slackApi, h.id).length > 0), 30_000);
    // Let any late duplicate show itself: wait until nothing is pending and a few polls have passed.
    const deadline = Date.now() + 30_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 400));
    await slack.idle();

    expect(await pending()).toBe(0);
    for (const h of handoffs) {
      const posts = postsOf(slackApi, h.id);
      expect(posts, `handoff ${h.id}`).toHaveLength(1);
      const [row] = await services.db.query<{ slack_ts: string; slack_channel: string }>(
        "SELECT slack_ts, slack_channel FROM handoffs WHERE id = $1",
        [h.id],
      );
      expect(row).toEqual({ slack_ts: posts[0]?.ts, slack_channel: posts[0]?.channel });
    }
    // Every fault really happened, and posts whose answer was lost were found in the history.
    const posts = slackApi.calls.filter((c) => c.method === "chat.postMessage");
    expect(posts.filter((c) => c.status === 500)).toHaveLength(5);
    expect(posts.filter((c) => c.status === 429)).toHaveLength(2);
    expect(slackApi.calls.filter((c) => c.method === "conversations.history").length).toBeGreaterThanOrEqual(
      3,
    );
    // Retry-After: 1 was honoured: a row that got a 429 was not posted again within a second.
    const outboxIdOf = (c: (typeof posts)[number]) =>
      (c.body.metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id;
    const limited = posts.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const first429 of limited) {
      const nextPost = posts.find((c) => c.at > first429.at && outboxIdOf(c) === outboxIdOf(first429));
      expect(nextPost && nextPost.at - first429.at).toBeGreaterThanOrEqual(950);
    }
    const attempts = await services.db.query<{ attempts: number }>(
      "SELECT attempts FROM outbox WHERE topic = 'handoff.created' AND attempts > 1",
    );
    expect(attempts.length).toBeGreaterThan(0);
  });

  it("a post made by a dispatcher that died before committing is found again, not repeated", async () => {
    await slack.stop();
    const h = await createHandoff(services.db, { projectId: PROJECTS.withChannel });
    // A dispatcher claims the row, posts, and dies before its commit.
    const [row] = await claimOutbox(services.db, ["handoff.created"], new Date(), 200, 10);
    if (!row) throw new Error("nothing claimed");
    await slack.client.chat.postMessage({
      channel: CHANNELS.project,
      text: "x",
      metadata: { event_type: HANDOFF_EVENT_TYPE, event_payload: { handoff_id: h.id, outbox_id: row.id } },
    });
    expect(postsOf(slackApi, h.id)).toHaveLength(1);

    // Another instance starts after the lease ran out.
    await new Promise((r) => setTimeout(r, 250));
    slack.start();
    const deadline = Date.now() + 10_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await slack.idle();
    expect(await pending()).toBe(0);
    expect(postsOf(slackApi, h.id)).toHaveLength(1);
    const [stored] = await services.db.query<{ slack_ts: string }>(
      "SELECT slack_ts FROM handoffs WHERE id = $1",
      [h.id],
    );
    expect(stored?.slack_ts).toBe(postsOf(slackApi, h.id)[0]?.ts);
  });

  it("a claimed row whose dispatcher died without posting is posted after the lease", async () => {
    await slack.stop();
    const h = await createHandoff(services.db, { projectId: PROJECTS.byWithout });
    await claimOutbox(services.db, ["handoff.created"], new Date(), 200, 10);
    await new Promise((r) => setTimeout(r, 250));
    slack.start();
    await slackApi.waitFor(() => postsOf(slackApi, h.id).length > 0);
    await slack.idle();
    expect(postsOf(slackApi, h.id)).toHaveLength(1);
  });
});
