import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices, type Services } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createLogger } from "../adapters/logger.js";
import { readGazetteerData } from "../adapters/node-data-files.js";
import type { SlackAdapter } from "../adapters/slack/slack-adapter.js";
import {
  postCommand,
  postEvent,
  postInteraction,
  postSigned,
  SIGNING_SECRET,
  TEAM,
} from "./support/slack-requests.js";
import { SlackStandIn } from "./support/slack-stand-in.js";

/** A family's text that must never reach the log. */
const SECRET_TEXT = "Meine Tochter Amira, Telefon 0176 5550123";

describe("POST /slack/events: malformed but validly signed payloads", () => {
  let standIn: SlackStandIn;
  let services: Services;
  let slack: SlackAdapter;
  const lines: string[] = [];

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    services = await composeServices(
      loadConfig({
        LOG_LEVEL: "info",
        SLACK_BOT_TOKEN: standIn.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: standIn.apiUrl,
      }),
      {
        logger,
        gazetteerData: await readGazetteerData(),
        inMemory: true,
        openDatabase,
        catalogueRefreshMs: 0,
      },
    );
    if (!services.slack) throw new Error("compose did not create the Slack adapter");
    slack = services.slack;
  });

  afterAll(async () => {
    await services?.close();
    await standIn?.close();
  });

  const cases: [string, () => Promise<Response>, string][] = [
    [
      "a button press without actions",
      () =>
        postInteraction(services.app, {
          type: "block_actions",
          team: TEAM,
          user: { id: "U0COORD1", name: SECRET_TEXT },
          message: { type: "message", ts: "1.2", text: SECRET_TEXT },
        }),
      "actions",
    ],
    [
      "an event callback whose event has no type",
      () =>
        postEvent(services.app, {
          type: "event_callback",
          team_id: TEAM.id,
          event_id: "Ev0BROKEN1",
          event: { text: SECRET_TEXT, channel: "C0X" },
        }),
      "event.type",
    ],
    [
      "an interaction payload that is JSON null",
      () => postSigned(services.app, "payload=null", "application/x-www-form-urlencoded"),
      "body",
    ],
    [
      "an events body that is a JSON array",
      () => postSigned(services.app, JSON.stringify([SECRET_TEXT]), "application/json"),
      "body",
    ],
    [
      "a modal submission without a view",
      () =>
        postInteraction(services.app, {
          type: "view_submission",
          team: TEAM,
          user: { id: "U0COORD1" },
          note: SECRET_TEXT,
        }),
      "view",
    ],
  ];

  for (const [what, send, field] of cases) {
    it(`answers ${what} with 400 naming the field, and logs one line without the payload`, async () => {
      const before = lines.length;
      const res = await send();
      await slack.idle();
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { field: string; message: string } };
      expect(body.error.field).toBe(field);
      expect(body.error.message).toMatch(/malformed|unreadable/);
      const logged = lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
      const rejected = logged.filter((l) => l.msg === "slack: malformed payload rejected");
      expect(rejected).toHaveLength(1);
      expect(logged.filter((l) => Number(l.level) >= 50)).toEqual([]);
      expect(lines.slice(before).join("\n")).not.toContain("Amira");
    });
  }

  it("still accepts a well-formed slash command", async () => {
    const res = await postCommand(services.app, "/unknown-command", "hallo");
    await slack.idle();
    expect(res.status).not.toBe(400);
  });
});
