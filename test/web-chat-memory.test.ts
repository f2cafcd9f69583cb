import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { composeServices } from "../adapters/compose.js";
import { runHousekeeping } from "../adapters/housekeeping.js";
import { createLogger } from "../adapters/logger.js";
import { translator } from "../bot/i18n.js";
import { WebVisitor } from "./support/web-chat-client.js";
import { WebChatVisitorFlow } from "./support/web-chat-flows.js";
import { webServices } from "./support/web-services.js";

type Services = Awaited<ReturnType<typeof composeServices>>;
const t = translator("de");
const DAY = 24 * 60 * 60 * 1000;

type Bot = { kind: "bot"; reply: { type: string; text?: string; choices?: { id: string; label: string }[] } };

describe("web chat memory (real app, real PGlite)", () => {
  let services: Services;
  const clock = { now: new Date("2026-03-02T10:00:00Z") };
  const logLines: string[] = [];
  beforeAll(async () => {
    services = await webServices({
      now: () => clock.now,
      env: { LOG_LEVEL: "warn" },
      logger: createLogger("warn", { write: (line: string) => void logLines.push(line) }),
    });
  });
  afterAll(async () => {
    await services?.close();
  });

  it("keeps what was shown, with buttons and the visitor's own taps, and restores it", async () => {
    const visitor = new WebVisitor(services.app);
    const greeting = await visitor.send({ type: "command", command: "start" }, "de");
    // A page load (the greeting) stores nothing; the first real turn starts the transcript.
    expect((await visitor.history()).items).toEqual([]);
    const offer = (greeting.replies as Bot["reply"][]).find((r) => r.type === "choices");
    const pick = offer?.choices?.[0];
    if (!pick) throw new Error("the start offers no button");
    await visitor.send({ type: "choice", id: pick.id });
    const first = await visitor.history();
    expect(first.items.some((i) => i.kind === "bot" && (i as Bot).reply.type === "choices")).toBe(true);
    await visitor.send({ type: "text", text: "50667" });
    const after = await visitor.history();
    const kinds = after.items.map((i) => i.kind);
    expect(kinds.filter((k) => k === "user")).toHaveLength(2);
    expect(after.items).toContainEqual({ kind: "user", text: pick.label });
    expect(after.items).toContainEqual({ kind: "user", text: "50667" });
    expect(after.items.length).toBeGreaterThan(first.items.length + 1);
    // Another visitor sees nothing of it.
    expect((await new WebVisitor(services.app).history()).items).toEqual([]);
  });

  it("is honest without a coordinator channel: warning at start, /healthz, demo notice, no 'arrived'", async () => {
    expect(logLines.join("\n")).toContain('"handoffs":"not delivered"');
    const health = await services.app.request("http://localhost/healthz");
    expect(await health.json()).toEqual({ ok: true, handoffs: "not delivered" });
    const page = await (
      await services.app.request("http://localhost/", { headers: { "Accept-Language": "de" } })
    ).text();
    expect(page).toContain(`id="demo-notice"`);
    expect(page).toContain(t("webchat.page.demoNotice"));
    const visitor = new WebVisitor(services.app);
    await visitor.send({ type: "command", command: "start" }, "de");
    await new WebChatVisitorFlow(visitor).familyToChatRequest();
    const said = JSON.stringify(visitor.last.replies);
    const arrived = t("handoff.sent", { project: "\u0000" }).split("\u0000")[1] ?? "";
    expect(arrived.length).toBeGreaterThan(3);
    expect(said).not.toContain(arrived);
    expect(said).toContain(t("webchat.notDelivered", { project: "\u0000" }).split("\u0000")[1]?.slice(0, 30));
  });

  it("/delete erases the transcript and tells the page to clear itself", async () => {
    const visitor = new WebVisitor(services.app);
    await visitor.send({ type: "command", command: "start" }, "de");
    await visitor.choose("role:family");
    const stored = "SELECT 1 FROM web_transcript WHERE visitor_id = $1";
    expect((await services.db.query(stored, [visitor.visitorId])).length).toBeGreaterThan(0);
    await visitor.send({ type: "text", text: "/delete" });
    const done = await visitor.send({ type: "choice", id: "del:yes" });
    expect(done.cleared).toBe(true);
    expect(JSON.stringify(done.replies)).toContain(t("delete.done").slice(0, 20));
    expect((await visitor.history()).items).toEqual([]);
    const rows = await services.db.query("SELECT 1 FROM web_transcript WHERE visitor_id = $1", [
      visitor.visitorId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("expires with the session: nothing is restored after SESSION_TTL_DAYS, and housekeeping removes it", async () => {
    const visitor = new WebVisitor(services.app);
    await visitor.send({ type: "command", command: "start" }, "de");
    await visitor.choose("role:family");
    expect((await visitor.history()).items.length).toBeGreaterThan(0);
    clock.now = new Date(clock.now.getTime() + 31 * DAY);
    expect((await visitor.history()).items).toEqual([]);
    const swept = await runHousekeeping(services.db, { SESSION_TTL_DAYS: 30 }, clock.now);
    expect(swept.transcripts).toBeGreaterThan(0);
  });
});
