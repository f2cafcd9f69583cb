import { createServer } from "node:net";
import { webApi } from "@slack/bolt";
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import {
  classifyError,
  DatabaseError,
  errorFields,
  NetworkError,
  PlatformError,
} from "../adapters/errors.js";
import { describeEachDatabase } from "./support/databases.js";
import { SlackStandIn } from "./support/slack-stand-in.js";

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("errors named by origin", () => {
  it("names a Telegram refusal a PlatformError and a failed connection a NetworkError, keeping the cause", () => {
    const refused = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      "sendMessage",
      { chat_id: 1, text: "Hallo Amira" },
    );
    const platform = classifyError(refused);
    expect(platform).toBeInstanceOf(PlatformError);
    expect(platform).toMatchObject({
      platform: "telegram",
      method: "sendMessage",
      code: 403,
      cause: refused,
    });
    const network = classifyError(new HttpError("Network request for 'sendMessage' failed!", new Error("x")));
    expect(network).toBeInstanceOf(NetworkError);
    // The payload (the user's text) is never among the logged fields.
    expect(JSON.stringify(errorFields(refused))).not.toContain("Amira");
  });

  it("names Slack's refusal a PlatformError and an unreachable Slack a NetworkError", async () => {
    const standIn = await SlackStandIn.start();
    try {
      const client = new webApi.WebClient(standIn.token, {
        slackApiUrl: standIn.apiUrl,
        retryConfig: { retries: 0 },
      });
      const refused = await client.users.info({ user: "U0NOBODY" }).catch((e: unknown) => e);
      expect(classifyError(refused)).toBeInstanceOf(PlatformError);
      expect(classifyError(refused)).toMatchObject({ platform: "slack", code: "user_not_found" });
    } finally {
      await standIn.close();
    }
    const port = await closedPort();
    const offline = new webApi.WebClient("xoxb-test", {
      slackApiUrl: `http://127.0.0.1:${port}/api/`,
      retryConfig: { retries: 0 },
    });
    const failed = await offline.auth.test().catch((e: unknown) => e);
    expect(classifyError(failed)).toBeInstanceOf(NetworkError);
    expect(errorFields(failed)).toMatchObject({ origin: "network", platform: "slack" });
  });

  it("leaves our own errors as they are and calls them code", () => {
    const mine = new TypeError("x is undefined");
    expect(classifyError(mine)).toBe(mine);
    expect(errorFields(mine)).toMatchObject({ origin: "code", name: "TypeError" });
  });
});

describeEachDatabase("DatabaseError", (ctx) => {
  it("wraps a failed statement with its SQLSTATE and the driver error as cause", async () => {
    const err = await ctx
      .db()
      .query("SELECT * FROM no_such_table")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err).toMatchObject({ code: "42P01", database: ctx.db().kind });
    expect((err as DatabaseError).cause).toBeInstanceOf(Error);
    expect(errorFields(err)).toMatchObject({ origin: "database", code: "42P01" });
  });

  it("carries a unique violation's code so callers can tell it apart", async () => {
    const db = ctx.db();
    await db.query("CREATE TABLE error_probe (id int PRIMARY KEY)");
    await db.query("INSERT INTO error_probe VALUES ($1)", [1]);
    await expect(db.query("INSERT INTO error_probe VALUES ($1)", [1])).rejects.toMatchObject({
      name: "DatabaseError",
      code: "23505",
    });
  });

  it("passes an error thrown by our code inside a transaction through unchanged", async () => {
    const mine = new RangeError("ours");
    await expect(ctx.db().transaction(async () => Promise.reject(mine))).rejects.toBe(mine);
  });
});
