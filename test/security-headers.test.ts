import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../adapters/web/app.js";
import { realData } from "./support/real-data.js";

type Hono = ReturnType<typeof createApp>;

async function appFor(https: boolean): Promise<Hono> {
  const data = await realData();
  return createApp({
    logger: pino({ level: "silent" }),
    gazetteer: data.gazetteer,
    catalogue: () => data.catalogue,
    isReady: () => true,
    https,
    mount: (app) => {
      app.get("/boom", () => {
        throw new Error("boom");
      });
    },
  });
}

describe("security headers on every response", () => {
  let secure: Hono;
  let plain: Hono;
  beforeAll(async () => {
    secure = await appFor(true);
    plain = await appFor(false);
  });

  it("sends nosniff and HSTS behind https on JSON, errors, 404s and 413s alike", async () => {
    const responses = [
      await secure.request("/healthz"),
      await secure.request("/api/projects/search?postcode=50667"),
      await secure.request("/api/projects/search?postcode=abc"),
      await secure.request("/nowhere"),
      await secure.request("/boom"),
      await secure.request("/api/projects/search", { method: "POST", body: "x".repeat(1024 * 1024 + 1) }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 400, 404, 500, 413]);
    for (const r of responses) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("sends no HSTS over plain http (a laptop), but still nosniff", async () => {
    const r = await plain.request("/healthz");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("strict-transport-security")).toBeNull();
  });
});
