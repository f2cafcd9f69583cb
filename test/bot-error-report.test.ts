import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices, type Services } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createLogger } from "../adapters/logger.js";
import { createAppMetrics } from "../adapters/metrics/app-metrics.js";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";
import type { Catalogue } from "../core/ranking-types.js";
import { formAnswerBefore } from "./support/journey.js";

const ADMIN_TOKEN = "admin-token-0123456789abcdef";

describe("an error in the bot's own code during a web chat turn", () => {
  let services: Services;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
    const metrics = createAppMetrics();
    const logger = createLogger("info", stream, {
      onError: (component) => metrics.errors.inc({ component }),
    });
    services = await composeServices(loadConfig({ ADMIN_TOKEN }), {
      logger,
      gazetteerData,
      sampleCatalogue,
      metrics,
      inMemory: true,
      openDatabase,
      catalogueRefreshMs: 0,
    });
  });
  afterAll(async () => services?.close());

  const chat = (body: unknown, cookie?: string) =>
    services.app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  it("answers 'please try again' with the question, logs the step without the text, and counts it as bot_error", async () => {
    const first = await chat({ event: { type: "command", command: "start" } });
    const cookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
    let handled = 1;
    const press = async (id: string): Promise<string[]> => {
      const res = await chat({ event: { type: "choice", id } }, cookie);
      handled++;
      const { replies } = (await res.json()) as { replies: { choices?: { id: string }[] }[] };
      return replies.flatMap((r) => r.choices ?? []).map((c) => c.id);
    };
    let shown: string[] = [];
    for (const id of ["role:family", "age:6-9", "focus:reading"]) {
      // Form questions asked before the one a button answers get their first answer (journey.ts).
      for (let first = formAnswerBefore(id, shown); first; first = formAnswerBefore(id, shown))
        shown = await press(first);
      shown = await press(id);
    }

    // The ranking breaks (a fault injected into the real catalogue): our code throws inside step().
    const real = services.catalogue.get();
    const broken: Catalogue = {
      size: real.size,
      get: (id) => real.get(id),
      rank: () => {
        throw new Error("ranking broke");
      },
    };
    services.catalogue.get = () => broken;
    const res = await chat({ event: { type: "text", text: "50667 Köln" } }, cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: { type: string; text?: string }[] };
    expect(body.replies[0]?.text).toBe("Da ist etwas schiefgegangen. Bitte versuch es noch einmal.");
    expect(body.replies.at(-1)?.type).toBe("request_location");

    const logged = lines.find((l) => l.msg === "bot step failed");
    expect(logged).toMatchObject({
      channel: "web",
      err: { name: "BotError", step: "location", event: "text", cause: { message: "ranking broke" } },
    });
    expect(JSON.stringify(lines)).not.toContain("50667");

    const metrics = await (
      await services.app.request("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toContain('patenschaft_updates_total{channel="web",outcome="bot_error"} 1');
    expect(metrics).toContain(`patenschaft_updates_total{channel="web",outcome="handled"} ${handled}`);

    // The session was kept: once the catalogue works again, the same answer goes on to the results.
    services.catalogue.get = () => real;
    const again = (await (await chat({ event: { type: "text", text: "50667" } }, cookie)).json()) as {
      replies: { type: string; text?: string }[];
    };
    expect(again.replies.map((r) => r.text ?? "").join("\n")).toMatch(/Projekte? im Umkreis/);
  });
});
