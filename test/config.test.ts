import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../adapters/config.js";

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 8787, DATA_DIR: "./.data", SESSION_TTL_DAYS: 30 });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.TELEGRAM_API_ROOT).toBe("https://api.telegram.org");
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", TELEGRAM_BOT_TOKEN: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the bad variable but never echoes a secret value", () => {
    const secret = "postgres://user:VerySecretPassword@host/db";
    let err: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: secret.replace("postgres", "mysql"),
        TELEGRAM_BOT_TOKEN: "abc",
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("TELEGRAM_BOT_TOKEN");
    expect(message).not.toContain("VerySecretPassword");
  });

  it("takes the outbox's slots per channel and the Slack call timeout, within sane bounds", () => {
    expect(loadConfig({})).toMatchObject({ OUTBOX_SLOTS_PER_CHANNEL: 8, SLACK_TIMEOUT_MS: 5000 });
    expect(loadConfig({ OUTBOX_SLOTS_PER_CHANNEL: "4", SLACK_TIMEOUT_MS: "10000" })).toMatchObject({
      OUTBOX_SLOTS_PER_CHANNEL: 4,
      SLACK_TIMEOUT_MS: 10_000,
    });
    expect(() => loadConfig({ OUTBOX_SLOTS_PER_CHANNEL: "0" })).toThrow(/OUTBOX_SLOTS_PER_CHANNEL/);
    expect(() => loadConfig({ OUTBOX_SLOTS_PER_CHANNEL: "2.5" })).toThrow(/OUTBOX_SLOTS_PER_CHANNEL/);
    expect(() => loadConfig({ SLACK_TIMEOUT_MS: "200" })).toThrow(/SLACK_TIMEOUT_MS/);
  });

  it("requires a webhook secret in Telegram webhook mode", () => {
    expect(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        PUBLIC_URL: "https://bot.example.org",
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});
