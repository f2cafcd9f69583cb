import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import type { Services } from "../adapters/compose.js";
import { addRequesterMessage } from "../adapters/db/requester-inbox-store.js";
import { translator } from "../bot/i18n.js";
import { launchChromium, runBrowserSuites, serveApp } from "./support/chromium.js";
import { webServices } from "./support/web-services.js";

const de = translator("de");
const ar = translator("ar");
const KOELN = { latitude: 50.9413, longitude: 6.9583 };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const vapid = webpush.generateVAPIDKeys();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A valid 1×1 transparent PNG, the stand-in map tile. */
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Clicks the (only live) button with this accessible name. */
async function tap(page: Page, name: string): Promise<void> {
  await page
    .getByRole("button", { name: new RegExp(`^${escapeRe(name)}$`), disabled: false })
    .last()
    .click();
}

describe.skipIf(!runBrowserSuites)(
  "web chat in Chromium: return, cards, push, right to left, accessibility",
  () => {
    let services: Services;
    let browser: Browser;
    let baseUrl: string;
    let closeServer: () => Promise<void>;

    beforeAll(async () => {
      services = await webServices({
        env: {
          VAPID_PUBLIC_KEY: vapid.publicKey,
          VAPID_PRIVATE_KEY: vapid.privateKey,
          VAPID_SUBJECT: "mailto:technik@patenschaft.example.org",
        },
      });
      const served = await serveApp(services.app);
      baseUrl = served.baseUrl;
      closeServer = served.close;
      browser = await launchChromium();
      mkdirSync("test-output", { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
      await closeServer?.();
      await services?.close();
    });

    async function phone(
      locale: string,
      extra: Parameters<Browser["newContext"]>[0] = {},
    ): Promise<BrowserContext> {
      return browser.newContext({
        locale,
        viewport: PHONE,
        reducedMotion: "reduce",
        geolocation: KOELN,
        permissions: ["geolocation"],
        ...extra,
      });
    }

    /** Greeting → family, 6–9, reading, location shared: the result cards. */
    async function toResults(page: Page, t = de): Promise<void> {
      await page.goto(baseUrl);
      await tap(page, t("role.family"));
      await page.locator("#log .actions.choices button:not([disabled])").nth(1).click(); // 6–9
      await tap(page, t("focus.reading"));
      await tap(page, t("location.share"));
      await page.locator("#log .card").first().waitFor();
    }

    it("shows results as cards, the first one above the fold on a 390×844 phone, one tap to details", async () => {
      const context = await phone("de-DE");
      const page = await context.newPage();
      const external: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(baseUrl)) external.push(r.url());
      });
      await toResults(page);
      const card = page.locator("#log .card").first();
      const box = await card.boundingBox();
      if (!box) throw new Error("no card box");
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      const text = (await card.textContent()) ?? "";
      expect(text).toMatch(/^1\. /);
      expect(text).toMatch(/km/);
      expect(text).toContain(de("details.ages", { min: 0, max: 0 }).split(":")[0] ?? "");
      expect(await card.locator(".card-icon").allTextContents()).toContain("📚");
      // The list's own buttons are not drawn a second time under the cards.
      const names = await page.locator("#log .actions.choices button:not([disabled])").allTextContents();
      expect(names.some((n) => /^1\. /.test(n))).toBe(false);
      expect(await page.locator("#log .result-map").count()).toBe(0);
      await page.screenshot({ path: "test-output/web-chat-cards-phone.png" });
      await card.click();
      await page.getByRole("button", { name: de("details.contact"), disabled: false }).waitFor();
      expect(external).toEqual([]);
      await context.close();
    });

    it("draws a small map of the results only when a tile server is configured", async () => {
      const tiles: string[] = [];
      const tileServer = createServer((req, res) => {
        tiles.push(req.url ?? "");
        res.writeHead(200, { "Content-Type": "image/png" }).end(PNG_1X1);
      });
      await new Promise<void>((resolve) => tileServer.listen(0, "127.0.0.1", resolve));
      const tilePort = (tileServer.address() as AddressInfo).port;
      const withMap = await webServices({
        env: {
          MAP_TILE_URL: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`,
          MAP_ATTRIBUTION: "© Testkarten",
        },
      });
      const served = await serveApp(withMap.app);
      try {
        const context = await phone("de-DE");
        const page = await context.newPage();
        const origins = new Set<string>();
        page.on("request", (r) => origins.add(new URL(r.url()).origin));
        await page.goto(served.baseUrl);
        await tap(page, de("role.family"));
        await page.locator("#log .actions.choices button:not([disabled])").nth(1).click();
        await tap(page, de("focus.reading"));
        await tap(page, de("location.share"));
        const map = page.locator("#log .result-map").first();
        await map.waitFor();
        expect(await map.locator(".map-pin.project").count()).toBeGreaterThan(0);
        expect(await map.locator(".map-pin.origin").count()).toBe(1);
        expect(await map.locator("figcaption").textContent()).toBe("© Testkarten");
        await expect.poll(() => tiles.length).toBeGreaterThan(0);
        expect(tiles.every((t) => /^\/\d+\/\d+\/\d+\.png$/.test(t))).toBe(true);
        expect([...origins].sort()).toEqual([served.baseUrl, `http://127.0.0.1:${tilePort}`].sort());
        await page.screenshot({ path: "test-output/web-chat-map-phone.png" });
        await context.close();
      } finally {
        await served.close();
        await withMap.close();
        await new Promise<void>((resolve) => tileServer.close(() => resolve()));
      }
      // Without a tile server (the default) the page has no map: see the card test, which also
      // checks that no request leaves the app's origin.
    }, 120_000);

    it("restores the conversation and the request's status after a reload and on return during a relay", async () => {
      // Headless Chromium denies notifications unless granted; a real browser asks on the tap.
      const context = await phone("de-DE", { permissions: ["geolocation", "notifications"] });
      const page = await context.newPage();
      await toResults(page);
      await page.locator("#log .card").first().click();
      await tap(page, de("details.contact"));
      await tap(page, de("consent.yes"));
      await tap(page, de("contact.way.chat"));
      await tap(page, de("contact.skip"));
      const intro = de("relay.intro", { project: "\u0000" }).split("\u0000")[0] ?? "";
      await page.locator("#log .msg.bot", { hasText: intro }).first().waitFor();
      // Notifications are offered now (not before), and only asked for on a tap.
      await page.getByRole("button", { name: de("webchat.page.pushOffer") }).waitFor();
      const before = await page.locator("#log .msg").count();

      await page.reload();
      await page.locator("#log .msg.status").waitFor();
      const log = page.locator("#log");
      expect((await log.locator(".msg.user").allTextContents()).join("\n")).toContain(de("contact.way.chat"));
      expect(await log.locator(".msg").count()).toBeGreaterThanOrEqual(before - 1);
      const all = (await log.textContent()) ?? "";
      expect(all).not.toContain(de("relay.left", { project: "\u0000" }).split("\u0000")[0]);
      expect(await log.locator(".msg.status").textContent()).toContain(de("handoff.state.open"));

      // A coordinator takes the request over and answers while the tab is closed.
      const sid =
        ((await context.cookies()).find((c) => c.name === "pf_sid")?.value ?? "").split(".")[0] ?? "";
      await services.db.query(
        "UPDATE handoffs SET state = 'taken', taken_by_name = 'Aylin' WHERE channel = 'web' AND channel_user_id = $1",
        [sid],
      );
      await addRequesterMessage(
        services.db,
        "web",
        sid,
        "Nachricht von Aylin: Wir melden uns morgen!",
        new Date(),
      );
      await page.close();
      const back = await context.newPage();
      await back.goto(baseUrl);
      const status = back.locator("#log .msg.status").last();
      await status.waitFor();
      expect(await status.textContent()).toContain(de("webchat.status.takenBy", { name: "Aylin" }));
      expect(await back.locator("#log").textContent()).toContain("Wir melden uns morgen!");

      // "Gibt es schon eine Antwort?" gets the status, not "not understood".
      await back.locator("#message").fill("Hallo, gibt es schon eine Antwort?");
      await back.keyboard.press("Enter");
      await expect.poll(() => back.locator("#log .msg.status").count()).toBe(2);
      expect(await back.locator("#log .msg.status").last().textContent()).toContain("Aylin");
      await back.screenshot({ path: "test-output/web-chat-return-status.png" });

      // /delete erases it all and clears the page.
      await back.locator("#message").fill("/delete");
      await back.keyboard.press("Enter");
      await tap(back, de("delete.yes"));
      await expect.poll(() => back.locator("#log .msg.user").count()).toBe(0);
      const rows = await services.db.query("SELECT 1 FROM web_transcript WHERE visitor_id = $1", [sid]);
      expect(rows).toEqual([]);
      await context.close();
    });

    it("lets the service worker show a push in the family's language", async () => {
      const context = await phone("ar", { permissions: ["notifications"] });
      const page = await context.newPage();
      await page.goto(baseUrl);
      await page.evaluate(async () => {
        await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        await navigator.serviceWorker.ready;
      });
      const cdp = await context.newCDPSession(page);
      const registration = new Promise<string>((resolve) => {
        cdp.on(
          "ServiceWorker.workerRegistrationUpdated",
          (e: { registrations: { registrationId: string }[] }) => {
            const id = e.registrations[0]?.registrationId;
            if (id) resolve(id);
          },
        );
      });
      await cdp.send("ServiceWorker.enable");
      const registrationId = await registration;
      const notice = {
        title: ar("webchat.push.title"),
        body: ar("webchat.push.body"),
        lang: "ar",
        dir: "rtl",
      };
      const shown = () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, dir: n.dir }));
        });
      // A push that reaches the worker before it is activated is dropped, as a push service's would
      // be retried: deliver again until one is shown (a busy machine activates the worker late).
      for (let attempt = 0; attempt < 5 && (await shown()).length === 0; attempt++) {
        await cdp.send("ServiceWorker.deliverPushMessage", {
          origin: baseUrl,
          registrationId,
          data: JSON.stringify(notice),
        });
        await expect
          .poll(shown, { timeout: 3000 })
          .not.toEqual([])
          .catch(() => undefined);
      }
      expect(await shown()).toEqual([{ title: notice.title, body: notice.body, dir: "rtl" }]);
      await context.close();
    });

    it("keeps /delete and phone numbers in order inside Arabic bubbles, the user's own included", async () => {
      const context = await phone("ar");
      const page = await context.newPage();
      await page.goto(baseUrl);
      await page.getByRole("button", { name: ar("role.family") }).waitFor();
      await page.locator("#message").fill("رقمي 0176 12345678");
      await page.keyboard.press("Enter");
      await page.locator("#log .msg.user bdi").first().waitFor();
      expect(await page.locator("#log .msg.user bdi").first().textContent()).toBe("0176 12345678");
      await page.locator("#message").fill("/help");
      await page.keyboard.press("Enter");
      const isolated = page.locator("#log .msg.bot bdi", { hasText: "/delete" });
      await isolated.first().waitFor();
      // Read in visual order: the slash is drawn left of "delete", the area code left of the number.
      const order = async (selector: string, text: string, first: string, last: string) =>
        page.evaluate(
          ({ selector, text, first, last }) => {
            const el = [...document.querySelectorAll(selector)].find((e) => e.textContent === text);
            const node = el?.firstChild;
            if (!node) return null;
            const x = (i: number) => {
              const r = document.createRange();
              r.setStart(node, i);
              r.setEnd(node, i + 1);
              return r.getBoundingClientRect().x;
            };
            return x(text.indexOf(first)) < x(text.lastIndexOf(last));
          },
          { selector, text, first, last },
        );
      expect(await order("#log .msg.bot bdi", "/delete", "/", "e")).toBe(true);
      expect(await order("#log .msg.user bdi", "0176 12345678", "0", "8")).toBe(true);
      await page.screenshot({ path: "test-output/web-chat-arabic-isolation.png" });
      await context.close();
    });

    for (const [language, locale, t] of [
      ["de", "de-DE", de],
      ["ar", "ar", ar],
    ] as const) {
      for (const [device, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        it(`has no axe-core violations (WCAG 2.2 AA and best practices), ${language}, ${device}`, async () => {
          const context = await phone(locale, { viewport });
          const page = await context.newPage();
          await toResults(page, t);
          await page.evaluate(axeSource);
          const result = await page.evaluate(async () => {
            const axe = (
              window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<unknown> } }
            ).axe;
            const r = (await axe.run(document, {
              runOnly: {
                type: "tag",
                values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
              },
            })) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
            return r.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              nodes: v.nodes.slice(0, 3).map((n) => n.target),
            }));
          });
          expect(result).toEqual([]);
          await page.screenshot({ path: `test-output/web-chat-axe-${language}-${device}.png` });
          await context.close();
        });
      }
    }
  },
);
