import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { composeServices } from "../adapters/compose.js";
import { runHousekeeping } from "../adapters/housekeeping.js";
import { translator } from "../bot/i18n.js";
import { WebVisitor } from "./support/web-chat-client.js";
import { webServices } from "./support/web-services.js";

type Services = Awaited<ReturnType<typeof composeServices>>;
const t = translator("de");
const DAY = 24 * 60 * 60 * 1000;

type Bot = { kind: "bot"; reply: { type: string; text?: string; choices?: { id: string; label: string }[] } };

describe("web chat memory (real app, real PGlite)", () => {
  let services: Services;
  const clock = { now: new Date("2026-03-02T10:00:00Z") };
  beforeAll(async () => {
    services = await webServices({ now: () => clock.now });
  });
  afterAll(async () => {
    await services?.close();
  });

  it("keeps what was shown, with buttons and the visitor's own taps, and restores it", async () => {
    const visitor = new WebVisitor(services.app);
    await visitor.send({ type: "command", command: "start" }, "de");
    const first = await visitor.history();
    const offer = first.items.find((i) => i.kind === "bot" && (i as Bot).reply.type === "choices") as Bot;
    expect(offer).toBeDefined();
    const pick = offer.reply.choices?.[0];
    if (!pick) throw new Error("the start offers no button");
    await visitor.send({ type: "choice", id: pick.id });
    await visitor.send({ type: "text", text: "50667" });
    const after = await visitor.history();
    const kinds = after.items.map((i) => i.kind);
    expect(kinds.filter((k) => k === "user")).toHaveLength(2);
    expect(after.items).toContainEqual({ kind: "user", text: pick.label });
    expect(after.items).toContainEqual({ kind: "user", text: "50667" });
    expect(after.items.length).toBeGreaterThan(first.items.length + 2);
    // Another visitor sees nothing of it.
    expect((await new WebVisitor(services.app).history()).items).toEqual([]);
  });

  it("/delete erases the transcript and tells the page to clear itself", async () => {
    const visitor = new WebVisitor(services.app);
    await visitor.send({ type: "command", command: "start" }, "de");
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
    expect((await visitor.history()).items.length).toBeGreaterThan(0);
    clock.now = new Date(clock.now.getTime() + 31 * DAY);
    expect((await visitor.history()).items).toEqual([]);
    const swept = await runHousekeeping(services.db, { SESSION_TTL_DAYS: 30 }, clock.now);
    expect(swept.transcripts).toBeGreaterThan(0);
  });
});
