import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../adapters/web/app.js";
import { distanceKm } from "../core/geo.js";
import type { Project } from "../core/project.js";
import type { Catalogue } from "../core/ranking-types.js";
import { realData } from "./support/real-data.js";

type Hono = ReturnType<typeof createApp>;
let app: Hono;
let catalogue: Catalogue;

beforeAll(async () => {
  const data = await realData();
  catalogue = data.catalogue;
  app = createApp({
    logger: pino({ level: "silent" }),
    gazetteer: data.gazetteer,
    catalogue: () => data.catalogue,
    isReady: () => true,
  });
});

interface ResultBody {
  project: Project;
  distanceKm: number;
  reasons: string[];
}
interface SearchBody {
  origin: { lat: number; lon: number; place?: string; postcode?: string; state?: string };
  radiusKm: number;
  widened: boolean;
  total: number;
  focus: string[];
  results: ResultBody[];
  choices: { place: string; state: string }[];
  project: Project;
  error: { field: string; message: string };
  ok: boolean;
}

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as SearchBody };
};

describe("GET /api/projects/search", () => {
  it("answers 50667, reading, age 8 with nearby Cologne reading projects, nearest sensible first", async () => {
    const { status, body } = await get("/api/projects/search?postcode=50667&focus=reading&age=8");
    expect(status).toBe(200);
    expect(body.origin).toMatchObject({ postcode: "50667", place: "Köln", state: "NW" });
    expect(body.widened).toBe(false);
    expect(body.results.length).toBeGreaterThanOrEqual(3);
    for (const r of body.results.slice(0, 3)) {
      expect(r.project.focus).toContain("reading");
      expect(r.project.ageMin).toBeLessThanOrEqual(8);
      expect(r.project.ageMax).toBeGreaterThanOrEqual(8);
      expect(r.distanceKm).toBeLessThan(10);
      expect(r.reasons).toEqual(expect.arrayContaining(["focus:reading", "age"]));
      // The reported distance is the real one from the origin.
      expect(Math.abs(distanceKm(body.origin, r.project) - r.distanceKm)).toBeLessThan(0.11);
    }
  });

  it("normalises Arabic-Indic and Persian digits and the D- prefix to the same origin", async () => {
    for (const pc of ["٥٠٦٦٧", "۵۰۶۶۷", "D-50667", " 50 667 "]) {
      const { status, body } = await get(`/api/projects/search?postcode=${encodeURIComponent(pc)}&limit=1`);
      expect(status, pc).toBe(200);
      expect(body.origin.postcode).toBe("50667");
    }
  });

  it("ranks a project that speaks the user's language with a language reason", async () => {
    const { body } = await get("/api/projects/search?postcode=10115&lang=ar&limit=50&radius=25");
    const withArabic = body.results.filter((r) => r.project.languages.includes("ar"));
    expect(withArabic.length).toBeGreaterThan(0);
    for (const r of withArabic) expect(r.reasons).toContain("language:ar");
  });

  it("returns only projects looking for volunteers for the volunteer role", async () => {
    const { body } = await get("/api/projects/search?place=Hamburg&role=volunteer&limit=50");
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(r.project.volunteers.wanted).toBe(true);
  });

  it("maps free-text interest to focus areas", async () => {
    const { body } = await get("/api/projects/search?postcode=50667&q=Hausaufgaben");
    expect(body.focus).toContain("school");
  });

  it("searches around shared coordinates and names the nearest postcode", async () => {
    const { status, body } = await get("/api/projects/search?lat=48.137&lon=11.575&limit=3");
    expect(status).toBe(200);
    expect(body.origin.place).toBe("München");
    expect(body.results.length).toBeGreaterThan(0);
  });

  it("returns choices, not a guess, for an ambiguous place", async () => {
    const { status, body } = await get("/api/projects/search?place=Neustadt");
    expect(status).toBe(200);
    expect(body.results).toEqual([]);
    expect(body.choices.length).toBeGreaterThan(1);
    expect(new Set(body.choices.map((c) => c.state)).size).toBeGreaterThan(1);
  });

  it("widens the radius honestly where projects are sparse", async () => {
    // A rural postcode on the island of Rügen: few projects within 10 km.
    const { body } = await get("/api/projects/search?postcode=18586&radius=5");
    expect(body.widened).toBe(true);
    expect(body.radiusKm).toBeGreaterThan(5);
    expect(body.total).toBeGreaterThanOrEqual(Math.min(3, catalogue.size));
  });

  it.each([
    ["postcode=5066", "postcode", "fewer"],
    ["postcode=00000", "postcode", "no German delivery postcode"],
    ["postcode=A-1010", "postcode", "another country"],
    ["postcode=abcde", "postcode", "digits"],
    ["postcode=50667&radius=201", "radius", "200"],
    ["postcode=50667&limit=51", "limit", "50"],
    ["postcode=50667&age=-1", "age", ""],
    ["postcode=50667&focus=cooking", "focus", "reading"],
    ["lat=abc&lon=7", "lat", "latitude"],
    ["lat=50.9", "lon", "together"],
    ["lat=40.4&lon=-3.7", "lat", "outside Germany"],
    ["place=Xyzzyqwv", "place", "no German place"],
    ["", "postcode", "give a postcode"],
  ])("rejects %s with 400 naming the field", async (qs, field, words) => {
    const { status, body } = await get(`/api/projects/search?${qs}`);
    expect(status).toBe(400);
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(words);
  });
});

describe("GET /api/projects/:id", () => {
  it("returns a project by id and 404 for an unknown one", async () => {
    const some = catalogue.rank({ origin: { lat: 50.94, lon: 6.96 }, limit: 1 }).results[0]?.project;
    expect(some).toBeDefined();
    const ok = await get(`/api/projects/${some?.id}`);
    expect(ok.status).toBe(200);
    expect(ok.body.project.id).toBe(some?.id);
    const missing = await get("/api/projects/does-not-exist");
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe("id");
  });
});

describe("the app", () => {
  it("answers /healthz", async () => {
    expect((await get("/healthz")).body).toEqual({ ok: true });
  });

  it("refuses bodies over 1 MB with 413 anywhere", async () => {
    const res = await app.request("/anything", { method: "POST", body: "x".repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});
