import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices, type Services } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createLogger } from "../adapters/logger.js";
import { readGazetteerData } from "../adapters/node-data-files.js";
import type { SlackAdapter } from "../adapters/slack/slack-adapter.js";
import { postEvent, postSigned, SIGNING_SECRET, TEAM } from "./support/slack-requests.js";
import { SlackStandIn } from "./support/slack-stand-in.js";

let eventSeq = 0;
function reactionEvent(): Record<string, unknown> {
  eventSeq += 1;
  return {
    token: "legacy",
    team_id: TEAM.id,
    api_app_id: "A0APP0001",
    type: "event_callback",
    event_id: `Ev0TEST${eventSeq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM.id, user_id: "U0BOT0001", is_bot: true }],
    event: {
      type: "reaction_added",
      user: "U0COORD1",
      reaction: "eyes",
      item: { type: "message", channel: "C0X", ts: "1.2" },
    },
  };
}

describe("POST /slack/events: signature, url_verification, ack and retries", () => {
  let standIn: SlackStandIn;
  let services: Services;
  let slack: SlackAdapter;
  const seen: string[] = [];

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
    services = await composeServices(
      loadConfig({
        LOG_LEVEL: "silent",
        SLACK_BOT_TOKEN: standIn.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: standIn.apiUrl,
      }),
      {
        logger: createLogger("silent"),
        gazetteerData: await readGazetteerData(),
        inMemory: true,
        openDatabase,
        catalogueRefreshMs: 0,
      },
    );
    if (!services.slack) throw new Error("compose did not create the Slack adapter");
    slack = services.slack;
    slack.app.event("reaction_added", async ({ body }) => {
      // Slow work after the ack: the HTTP response must not wait for it.
      await new Promise((r) => setTimeout(r, 300));
      seen.push(String((body as { event_id: string }).event_id));
    });
  });

  afterAll(async () => {
    await services?.close();
    await standIn?.close();
  });

  it("answers the url_verification challenge of a signed request", async () => {
    const res = await postEvent(services.app, {
      type: "url_verification",
      token: "x",
      challenge: "chal-123",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "chal-123" });
  });

  it("rejects a forged signature with 401 before Bolt sees it", async () => {
    const before = seen.length;
    const res = await postEvent(services.app, reactionEvent(), { secret: "not-the-signing-secret-at-all" });
    expect(res.status).toBe(401);
    await slack.idle();
    expect(seen.length).toBe(before);
  });

  it("rejects a replayed request with an old timestamp (correctly signed) with 401", async () => {
    const res = await postEvent(services.app, reactionEvent(), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it("rejects a request without signature headers and a body changed after signing", async () => {
    const missing = await services.app.request("/slack/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(reactionEvent()),
    });
    expect(missing.status).toBe(401);
    // Signed for one body, sent with another.
    const ts = String(Math.floor(Date.now() / 1000));
    const signed = await postSigned(services.app, JSON.stringify(reactionEvent()), "application/json", {
      headers: { "x-slack-request-timestamp": ts },
    });
    expect(signed.status).toBe(200);
    const { slackSignature } = await import("../adapters/slack/signature.js");
    const good = await slackSignature(SIGNING_SECRET, ts, "{}");
    const tampered = await services.app.request("/slack/events", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": ts,
        "x-slack-signature": good,
      },
      body: JSON.stringify(reactionEvent()),
    });
    expect(tampered.status).toBe(401);
    await slack.idle();
  });

  it("acknowledges at once and processes a retried event only once", async () => {
    const envelope = reactionEvent();
    const started = Date.now();
    const first = await postEvent(services.app, envelope);
    expect(first.status).toBe(200);
    // The listener sleeps 300 ms after the ack; the response came before that.
    expect(Date.now() - started).toBeLessThan(250);
    const retry = await postEvent(services.app, envelope, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    await slack.idle();
    expect(seen.filter((id) => id === envelope.event_id)).toHaveLength(1);
    const rows = await services.db.query(
      "SELECT 1 FROM processed_updates WHERE channel = 'slack' AND update_key = $1",
      [`event:${String(envelope.event_id)}`],
    );
    expect(rows).toHaveLength(1);
  });
});
