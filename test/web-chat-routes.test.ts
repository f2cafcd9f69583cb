import { Script } from "node:vm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { chatRoutes, type TurnOutcome } from "../adapters/web/chat-routes.js";
import { WEB_UI_KEYS, webUiStrings } from "../adapters/web/page/ui-strings.js";
import { hasKey } from "../bot/i18n.js";
import { LOCALES } from "../bot/locales.js";
import type { InboundEvent, Peer } from "../bot/types.js";

interface Call {
  peer: Peer;
  event: InboundEvent;
  opts: { updateKey?: string } | undefined;
}

/** The chat routes with a recording turn function (our own port, so a fake is fine here). */
function setup(opts: { secureCookies?: boolean; limit?: number; outcome?: TurnOutcome } = {}) {
  const calls: Call[] = [];
  const seen = new Set<string>();
  const app = chatRoutes({
    logger: pino({ level: "silent" }),
    secureCookies: opts.secureCookies ?? false,
    rateLimit: { limit: opts.limit ?? 30, windowMs: 60_000 },
    turn: async (peer, event, o) => {
      calls.push({ peer, event, opts: o });
      if (o?.updateKey) {
        if (seen.has(o.updateKey)) return { duplicate: true };
        seen.add(o.updateKey);
      }
      return (
        opts.outcome ?? {
          duplicate: false,
          replies: [{ type: "text", text: "Hallo" }],
          language: "de",
          dir: "ltr",
        }
      );
    },
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request("http://localhost/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return { app, calls, post };
}

const START = { event: { type: "command", command: "start" } };

/** The visitor cookie's value: the server-issued id and its signature, `<id>.<signature>`. */
function sidFrom(res: Response): string {
  const m = /pf_sid=([0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(res.headers.get("set-cookie") ?? "");
  if (!m?.[1]) throw new Error(`no pf_sid cookie in ${res.headers.get("set-cookie")}`);
  return m[1];
}

/** The visitor id inside a cookie value. */
const idOf = (cookie: string) => cookie.split(".")[0];

describe("web chat routes", () => {
  it("sets an HttpOnly, SameSite=Lax visitor cookie and reuses it on the next turn", async () => {
    const { calls, post } = setup();
    const first = await post(START, { "Accept-Language": "en-GB,en;q=0.8,de;q=0.5" });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      replies: [{ type: "text", text: "Hallo" }],
      language: "de",
      dir: "ltr",
    });
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/);
    const sid = sidFrom(first);
    expect(calls[0]?.peer).toEqual({ channel: "web", channelUserId: idOf(sid), platformLanguage: "en-GB" });

    const second = await post(
      { event: { type: "text", text: "hi" }, language: "uk" },
      { Cookie: `pf_sid=${sid}` },
    );
    expect(second.status).toBe(200);
    expect(sidFrom(second)).toBe(sid);
    expect(calls[1]?.peer).toEqual({ channel: "web", channelUserId: idOf(sid), platformLanguage: "uk" });
    expect(calls[1]?.event).toEqual({ type: "text", text: "hi" });

    const other = await post(START);
    expect(sidFrom(other)).not.toBe(sid);
    expect(calls[2]?.peer.platformLanguage).toBeUndefined();
  });

  it("replaces a malformed cookie and marks it Secure when asked", async () => {
    const { calls, post } = setup({ secureCookies: true });
    const res = await post(START, { Cookie: "pf_sid=../../etc" });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
    expect(calls[0]?.peer.channelUserId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("rejects invalid bodies with 400 and the field concerned", async () => {
    const { calls, post } = setup();
    const cases: [unknown, string][] = [
      ["{not json", "body"],
      [{}, "event"],
      [{ event: { type: "shout", text: "x" } }, "event.type"],
      [{ event: { type: "command", command: "rm -rf" } }, "event.command"],
      [{ event: { type: "choice", id: "x".repeat(65) } }, "event.id"],
      [{ event: { type: "location", lat: 91, lon: 6.9 } }, "event.lat"],
      [{ ...START, clientMessageId: "not-a-uuid" }, "clientMessageId"],
      [{ ...START, language: "<script>" }, "language"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { error: { field: string; message: string } };
      expect(json.error.field, JSON.stringify(body)).toBe(field);
      expect(json.error.message.length).toBeGreaterThan(0);
    }
    expect(calls).toHaveLength(0);
  });

  it("accepts a text longer than 20,000 characters (the engine truncates it)", async () => {
    const { calls, post } = setup();
    const res = await post({ event: { type: "text", text: "a".repeat(25_000) } });
    expect(res.status).toBe(200);
    expect(calls[0]?.event).toEqual({ type: "text", text: "a".repeat(25_000) });
  });

  it("refuses cross-origin requests and non-JSON bodies", async () => {
    const { calls, post } = setup();
    const evil = await post(START, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { field: "origin" } });
    expect((await post(START, { Origin: "null" })).status).toBe(403);
    expect((await post(START, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post(START, { Origin: "http://localhost:9999" })).status).toBe(403);
    const form = await post("event=x", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(calls).toHaveLength(0);

    expect((await post(START, { Origin: "http://localhost" })).status).toBe(200);
    expect(
      (await post(START, { Origin: "http://chat.example", "X-Forwarded-Host": "chat.example" })).status,
    ).toBe(200);
  });

  it("passes clientMessageId as the update key, scoped to the visitor, and answers a duplicate once", async () => {
    const { calls, post } = setup();
    const id = "0b9c3a4e-6f1d-4c1e-9a57-2d3f4e5a6b7c";
    const first = await post({ ...START, clientMessageId: id });
    const sid = sidFrom(first);
    expect(calls[0]?.opts).toEqual({ updateKey: `${idOf(sid)}:${id}`, keepResult: true });
    expect((await first.json()) as object).toHaveProperty("replies.0.text", "Hallo");
    const again = await post({ ...START, clientMessageId: id }, { Cookie: `pf_sid=${sid}` });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ replies: [], duplicate: true });
    const noId = await post(START, { Cookie: `pf_sid=${sid}` });
    expect(noId.status).toBe(200);
    expect(calls[2]?.opts).toBeUndefined();
  });

  it("limits turns per visitor with a 429 JSON error", async () => {
    const { calls, post } = setup({ limit: 3 });
    const sid = sidFrom(await post(START));
    for (let i = 0; i < 2; i++) expect((await post(START, { Cookie: `pf_sid=${sid}` })).status).toBe(200);
    const limited = await post(START, { Cookie: `pf_sid=${sid}` });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { message: expect.stringMatching(/too many/) } });
    expect(calls).toHaveLength(3);
    expect((await post(START)).status).toBe(200); // another visitor is not affected
  });

  it("serves the page with a strict CSP, no external URLs and no inline script", async () => {
    const { app } = setup();
    const res = await app.request("http://localhost/", { headers: { "Accept-Language": "en-US,en;q=0.9" } });
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('<script type="module" src="/chat.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    // Every script tag is either the external module or the non-executable JSON island.
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual([
      '<script type="module" src="/chat.js">',
      '<script type="application/json" id="ui-strings">',
    ]);
    const island = /<script type="application\/json" id="ui-strings">([^<]*)<\/script>/.exec(html)?.[1];
    const ui = JSON.parse(island ?? "null") as Record<string, Record<string, string>>;
    expect(Object.keys(ui)).toEqual(expect.arrayContaining(["de", "en"]));
    expect(ui.en?.send).toBeTruthy();

    const de = await (await app.request("http://localhost/")).text();
    expect(de).toMatch(/<html lang="de" dir="ltr">/);
  });

  it("serves the script and the stylesheet; the script parses and renders with textContent only", async () => {
    const { app } = setup();
    const js = await app.request("http://localhost/chat.js");
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    const source = await js.text();
    expect(() => new Script(source)).not.toThrow();
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    const css = await app.request("http://localhost/chat.css");
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    const style = await css.text();
    expect(style).toContain("margin-inline");
    expect(style).not.toMatch(/margin-left|margin-right|padding-left|padding-right|url\(/);
  });
});

describe("web chat UI strings", () => {
  it("has every page string in every supported language, not just the key", () => {
    for (const { code } of LOCALES) {
      for (const key of WEB_UI_KEYS) {
        expect(hasKey(code, `web.${key}`), `${code}: web.${key}`).toBe(true);
        expect(webUiStrings(code)[key].trim().length, `${code}: web.${key}`).toBeGreaterThan(0);
      }
    }
    expect(webUiStrings("en").send).toBe("Send");
  });
});
