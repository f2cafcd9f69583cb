import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createLogger } from "../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";
import { translator } from "../bot/i18n.js";

const CHROMIUM = "/usr/bin/chromium";
const inCi = process.env.CI === "true";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !inCi) {
  console.warn(
    `web chat e2e skipped: ${CHROMIUM} is missing (apt-get install chromium); under CI=true it must run`,
  );
}

type Services = Awaited<ReturnType<typeof composeServices>>;
const t = translator("de");

/** A translated text up to a placeholder given as "\u0000" ("{{n}}. {{name}}" with name → "1. "). */
function prefixOf(tr: typeof t, key: string, vars: Record<string, unknown>): string {
  return tr(key, vars).split("\u0000")[0] ?? "";
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exact = (label: string) => new RegExp(`^${escapeRe(label)}$`);
const startsWith = (label: string) => new RegExp(`^${escapeRe(label)}`);

/** Clicks the (only live) button with this accessible name; buttons of earlier replies are disabled. */
async function tap(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole("button", {
    name: typeof name === "string" ? exact(name) : name,
    disabled: false,
  });
  await button.last().click();
}

describe.skipIf(!haveChromium && !inCi)("web chat in headless Chromium", () => {
  let services: Services;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    services = await composeServices(loadConfig({ LOG_LEVEL: "silent" }), {
      logger: createLogger("silent"),
      gazetteerData: await readGazetteerData(),
      sampleCatalogue: await readSampleCatalogue(),
      inMemory: true,
      openDatabase,
      catalogueRefreshMs: 0,
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: services.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
        resolve(info.port),
      );
    });
    baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await services?.close();
  });

  it("takes a family from the greeting to a contact request", async () => {
    const context = await browser.newContext({
      locale: "de-DE",
      viewport: { width: 390, height: 844 },
      reducedMotion: "reduce", // no smooth scrolling, so the screenshot shows the settled chat
    });
    const page = await context.newPage();
    const external: string[] = [];
    const consoleErrors: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(baseUrl)) external.push(r.url());
    });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));

    await page.goto(baseUrl);
    const log = page.locator("#log");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("de");

    // start → family: the greeting's first button gets the keyboard focus
    await page.getByRole("button", { name: exact(t("role.family")) }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t("role.family"));
    await page.keyboard.press("Enter");

    await tap(page, t("age.band", { min: 6, max: 9 }));
    await tap(page, t("focus.reading"));

    // the location question offers "use my location" and accepts a typed postcode
    await page.getByRole("button", { name: exact(t("location.share")), disabled: false }).waitFor();
    await page.locator("#message").fill("50667");
    await page.keyboard.press("Enter");
    await expect.poll(() => log.locator(".msg.user").last().textContent()).toContain("50667");

    // results → the first project's details
    const firstResult = page.getByRole("button", {
      name: startsWith(prefixOf(t, "results.detailsButton", { n: 1, name: "\u0000" })),
      disabled: false,
    });
    await firstResult.first().waitFor();
    await firstResult.first().click();
    const mapLink = page.locator(".actions.map a").last();
    await mapLink.waitFor();
    expect(await mapLink.getAttribute("href")).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=/);
    expect(await mapLink.getAttribute("target")).toBe("_blank");
    expect(await mapLink.getAttribute("rel")).toContain("noopener");

    await tap(page, t("details.contact"));
    await tap(page, t("consent.yes"));
    await tap(page, t("contact.way.chat"));
    await tap(page, t("contact.skip"));

    // No coordinator channel is configured here: the request is not confirmed as delivered, and the
    // page says it is a demo.
    const saved = prefixOf(t, "webchat.notDelivered", { project: "\u0000" });
    await expect
      .poll(() => log.locator(".msg.bot").allTextContents())
      .toContainEqual(expect.stringContaining(saved));
    const texts = (await log.locator(".msg.bot").allTextContents()).join("\n");
    expect(texts).not.toContain(prefixOf(t, "handoff.sent", { project: "\u0000" }));
    expect(await page.locator("#demo-notice").textContent()).toBe(t("webchat.page.demoNotice"));

    // What a phone shows at the end, and (viewport grown to fit the scrolling log) the whole chat.
    mkdirSync("test-output", { recursive: true });
    await page.screenshot({ path: "test-output/web-chat-family.png" });
    const height = await page.evaluate(
      () => document.body.scrollHeight + (document.querySelector(".log-wrap")?.scrollHeight ?? 0),
    );
    await page.setViewportSize({ width: 390, height: Math.min(height, 12_000) });
    await page.screenshot({ path: "test-output/web-chat-family-full.png" });

    const sid = (await context.cookies()).find((c) => c.name === "pf_sid");
    expect(sid).toMatchObject({
      httpOnly: true,
      sameSite: "Lax",
      // The server-issued id and its signature.
      value: expect.stringMatching(/^[0-9a-f]{32}\.[A-Za-z0-9_-]{22}$/),
    });
    const rows = await services.db.query<{ channel: string; kind: string; state: string }>(
      "SELECT channel, kind, state FROM handoffs WHERE channel_user_id = $1",
      [sid?.value.split(".")[0]],
    );
    expect(rows).toEqual([{ channel: "web", kind: "family", state: "open" }]);
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("lays the chat out right to left for an Arabic-speaking family", async () => {
    const ar = translator("ar");
    const context = await browser.newContext({
      locale: "ar",
      viewport: { width: 390, height: 844 },
      reducedMotion: "reduce",
    });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe("ar");

    await tap(page, ar("role.family"));
    // Age buttons carry Arabic-Indic digits; take the second band (6–9) by position.
    const ageButtons = page.locator("#log .actions button:not([disabled])");
    await ageButtons.nth(1).click();
    await tap(page, ar("focus.reading"));
    await page.locator("input, textarea").first().fill("٥٠٦٦٧");
    await page.keyboard.press("Enter");
    const results = page.locator("#log li.msg.bot").filter({ hasText: "Köln" });
    await results.first().waitFor();

    // In right-to-left layout the bot's bubbles hug the right edge and the user's the left.
    const width = 390;
    const bot = await page.locator("#log li.msg.bot").first().boundingBox();
    const user = await page.locator("#log li.msg.user").last().boundingBox();
    expect(bot && user).toBeTruthy();
    if (!bot || !user) return;
    expect(bot.x + bot.width).toBeGreaterThan(width - 40);
    expect(user.x).toBeLessThan(40);
    expect(user.x + user.width).toBeLessThan(bot.x + bot.width);
    // The texts are Arabic, with the Latin place name kept readable inside them.
    expect(await results.first().textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await page.locator("#log li.msg.bot").first().getAttribute("dir")).toBe("rtl");

    mkdirSync("test-output", { recursive: true });
    await page.screenshot({ path: "test-output/web-chat-arabic.png" });
    await context.close();
  });

  it("finds projects from the browser's location, in English", async () => {
    const context = await browser.newContext({
      locale: "en-GB",
      geolocation: { latitude: 50.9413, longitude: 6.9583 }, // Köln Dom
      permissions: ["geolocation"],
    });
    const page = await context.newPage();
    const en = translator("en");
    await page.goto(baseUrl);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("#send").textContent()).toBe(en("web.send"));
    await tap(page, en("role.family"));
    await tap(page, en("age.band", { min: 10, max: 13 }));
    await tap(page, en("focus.any"));
    await tap(page, en("location.share"));
    const first = page.getByRole("button", {
      name: startsWith(prefixOf(en, "results.detailsButton", { n: 1, name: "\u0000" })),
    });
    await first.first().waitFor();
    // after a button press the keyboard focus lands on the first new button
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BUTTON");
    await context.close();
  });

  it("answers a 25,000-character text through the real engine and refuses a body over 1 MB", async () => {
    const post = (text: string) =>
      fetch(`${baseUrl}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": "de-DE" },
        body: JSON.stringify({ event: { type: "text", text } }),
      });
    const long = await post("Hausaufgaben ".repeat(2_000).slice(0, 25_000));
    expect(long.status).toBe(200);
    const body = (await long.json()) as { replies: unknown[]; language: string; dir: string };
    expect(body.replies.length).toBeGreaterThan(0);
    expect(body).toMatchObject({ language: "de", dir: "ltr" });
    const huge = await post("x".repeat(1_100_000));
    expect(huge.status).toBe(413);
  });
});
