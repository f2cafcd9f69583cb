import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GazetteerData } from "../core/gazetteer-data.js";
import { distanceKm } from "../core/geo.js";
import { type Project, ProjectSchema } from "../core/project.js";
import { STATES, type State } from "../core/state.js";
import { DEFAULT_CONFIG, STATE_SHARES } from "../data/scripts/sample-catalogue/config.js";
import { generateCatalogue, type SampleCatalogue } from "../data/scripts/sample-catalogue/generator.js";
import { Rng } from "../data/scripts/sample-catalogue/prng.js";
import { slugify } from "../data/scripts/sample-catalogue/slug.js";
import { stateQuotas } from "../data/scripts/sample-catalogue/state-quotas.js";

const dataDir = join(import.meta.dirname, "..", "data");
const EXAMPLE_DOMAIN = /@[a-z0-9.-]+\.example\.(org|com|net)$/;
const EXAMPLE_WEBSITE = /^https:\/\/([a-z0-9-]+\.)*example\.(org|com|net)(\/|$)/;
const inCologne = (p: Project) => p.state === "NW" && p.postcode >= "50667" && p.postcode <= "51149";

/** Small hand-made gazetteer: every Land, three Köln postcodes, a village without a places entry. */
const FIXTURE: GazetteerData = {
  attribution: "test fixture",
  postcodes: [
    ["70173", 48.776, 9.18, "BW", 0, "Stuttgart"],
    ["79098", 47.996, 7.85, "BW", 0, "Freiburg im Breisgau"],
    ["80331", 48.137, 11.575, "BY", 0, "München"],
    ["90402", 49.45, 11.08, "BY", 0, "Nürnberg"],
    ["97346", 49.7, 10.26, "BY", 1, "Iphofen"],
    ["10115", 52.532, 13.385, "BE", 0, "Berlin"],
    ["12043", 52.48, 13.435, "BE", 0, "Berlin"],
    ["14467", 52.4, 13.06, "BB", 0, "Potsdam"],
    ["28195", 53.077, 8.8, "HB", 0, "Bremen"],
    ["20095", 53.55, 10.0, "HH", 0, "Hamburg"],
    ["60311", 50.11, 8.68, "HE", 0, "Frankfurt am Main"],
    ["18055", 54.09, 12.14, "MV", 0, "Rostock"],
    ["30159", 52.37, 9.74, "NI", 0, "Hannover"],
    ["26121", 53.14, 8.21, "NI", 0, "Oldenburg (Oldb)|Oldenburg"],
    ["50667", 50.94, 6.955, "NW", 0, "Köln"],
    ["50823", 50.95, 6.92, "NW", 0, "Köln"],
    ["51105", 50.925, 7.0, "NW", 0, "Köln"],
    ["44135", 51.51, 7.47, "NW", 0, "Dortmund"],
    ["48143", 51.96, 7.63, "NW", 0, "Münster"],
    ["55116", 50.0, 8.27, "RP", 0, "Mainz"],
    ["66111", 49.23, 7.0, "SL", 0, "Saarbrücken"],
    ["04109", 51.34, 12.37, "SN", 0, "Leipzig"],
    ["04209", 51.31, 12.29, "SN", 0, "Leipzig"],
    ["39104", 52.12, 11.63, "ST", 0, "Magdeburg"],
    ["24103", 54.32, 10.13, "SH", 0, "Kiel"],
    ["99084", 50.98, 11.03, "TH", 0, "Erfurt"],
  ],
  places: [
    ["Stuttgart", 48.78, 9.18, "BW", 630_000, ""],
    ["Freiburg im Breisgau", 48.0, 7.85, "BW", 230_000, ""],
    ["München", 48.14, 11.58, "BY", 1_480_000, ""],
    ["Nürnberg", 49.45, 11.08, "BY", 520_000, ""],
    ["Berlin", 52.52, 13.4, "BE", 3_700_000, ""],
    ["Neukölln", 52.48, 13.435, "BE", 330_000, "Berlin"],
    ["Potsdam", 52.4, 13.06, "BB", 180_000, ""],
    ["Bremen", 53.08, 8.8, "HB", 570_000, ""],
    ["Hamburg", 53.55, 10.0, "HH", 1_850_000, ""],
    ["Frankfurt am Main", 50.11, 8.68, "HE", 760_000, ""],
    ["Rostock", 54.09, 12.14, "MV", 210_000, ""],
    ["Hannover", 52.37, 9.74, "NI", 540_000, ""],
    ["Oldenburg", 53.14, 8.21, "NI", 170_000, ""],
    ["Köln", 50.94, 6.95, "NW", 1_080_000, ""],
    ["Ehrenfeld", 50.951, 6.918, "NW", 35_000, "Köln"],
    ["Altstadt Nord", 50.939, 6.957, "NW", 18_000, "Köln"],
    ["Dortmund", 51.51, 7.47, "NW", 590_000, ""],
    ["Münster", 51.96, 7.63, "NW", 315_000, ""],
    ["Mainz", 50.0, 8.27, "RP", 220_000, ""],
    ["Saarbrücken", 49.23, 7.0, "SL", 180_000, ""],
    ["Leipzig", 51.34, 12.37, "SN", 600_000, ""],
    ["Grünau", 51.31, 12.29, "SN", 45_000, "Leipzig"],
    ["Magdeburg", 52.12, 11.63, "ST", 240_000, ""],
    ["Kiel", 54.32, 10.13, "SH", 250_000, ""],
    ["Erfurt", 50.98, 11.03, "TH", 215_000, ""],
  ],
};

const FIXTURE_CONFIG = { ...DEFAULT_CONFIG, count: 150 };

function checkCatalogue(catalogue: SampleCatalogue, gazetteer: GazetteerData): void {
  const postcodes = new Map(gazetteer.postcodes.map((p) => [p[0], p] as const));
  expect(catalogue.fictional).toBe(true);
  expect(catalogue.notice).toMatch(/fictional/i);
  expect(new Set(catalogue.projects.map((p) => p.id)).size).toBe(catalogue.projects.length);
  expect(new Set(catalogue.projects.map((p) => p.name)).size).toBe(catalogue.projects.length);
  for (const project of catalogue.projects) {
    const parsed = ProjectSchema.safeParse(project);
    expect(parsed.success, `${project.id}: ${parsed.error?.message}`).toBe(true);
    const pc = postcodes.get(project.postcode);
    expect(pc, `postcode ${project.postcode} of ${project.id}`).toBeDefined();
    if (!pc) continue;
    expect(project.state).toBe(pc[3]);
    expect(pc[5].split("|")).toContain(project.place);
    expect(distanceKm(project, { lat: pc[1], lon: pc[2] })).toBeLessThanOrEqual(2);
    expect(project.contact.email).toMatch(EXAMPLE_DOMAIN);
    expect(project.contact.website).toMatch(EXAMPLE_WEBSITE);
    expect(project.languages[0]).toBe("de");
    expect(project.shortDescription.length).toBeLessThanOrEqual(300);
    expect(project.updatedAt.startsWith("2026-")).toBe(true);
  }
}

describe("sample catalogue generator (fixture)", () => {
  const catalogue = generateCatalogue(FIXTURE, FIXTURE_CONFIG);

  it("is byte-identical for the same seed and differs for another seed", () => {
    const again = generateCatalogue(FIXTURE, FIXTURE_CONFIG);
    expect(JSON.stringify(again)).toBe(JSON.stringify(catalogue));
    const other = generateCatalogue(FIXTURE, { ...FIXTURE_CONFIG, seed: FIXTURE_CONFIG.seed + 1 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(catalogue));
  });

  it("makes valid, fictional projects on the gazetteer's postcodes", () => {
    expect(catalogue.projects).toHaveLength(150);
    expect(catalogue.generatedAt).toBe(FIXTURE_CONFIG.generatedAt);
    checkCatalogue(catalogue, FIXTURE);
  });

  it("meets the Land quotas exactly", () => {
    const quotas = stateQuotas(STATE_SHARES, 150);
    for (const s of STATES) expect(catalogue.projects.filter((p) => p.state === s).length).toBe(quotas[s]);
  });

  it("anchors reading projects for age 8 in Köln, including 50667", () => {
    const cologne = catalogue.projects.filter(inCologne);
    expect(cologne.length).toBeGreaterThanOrEqual(10);
    const reading = cologne.filter((p) => p.focus.includes("reading") && p.ageMin <= 8 && p.ageMax >= 8);
    expect(reading.length).toBeGreaterThanOrEqual(4);
    expect(reading.some((p) => p.postcode === "50667")).toBe(true);
  });

  it("uses districts from the places list for some names", () => {
    expect(catalogue.projects.some((p) => /Ehrenfeld|Altstadt Nord/.test(p.name))).toBe(true);
  });
});

describe("sample catalogue helpers", () => {
  it("splits the count over the Länder so that it adds up", () => {
    const quotas = stateQuotas(STATE_SHARES, 750);
    expect(Object.values(quotas).reduce((a, b) => a + b, 0)).toBe(750);
    expect(quotas.NW).toBeGreaterThan(quotas.BY);
    expect(quotas.HB).toBeGreaterThanOrEqual(1);
  });

  it("slugifies German names", () => {
    expect(slugify("Lesepaten Köln-Mülheim")).toBe("lesepaten-koeln-muelheim");
    expect(slugify("Schulstart-Paten Groß Süßen – Straße")).toBe("schulstart-paten-gross-suessen-strasse");
  });

  it("has a seeded PRNG", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.float());
    expect(Array.from({ length: 5 }, () => b.float())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("committed data/sample-projects.json", () => {
  const samplePath = join(dataDir, "sample-projects.json");
  const gazetteerPath = join(dataDir, "gazetteer.json");

  it("exists next to the gazetteer", () => {
    expect(existsSync(samplePath)).toBe(true);
    expect(existsSync(gazetteerPath)).toBe(true);
  });

  const ready = existsSync(samplePath) && existsSync(gazetteerPath);
  const catalogue = ready ? (JSON.parse(readFileSync(samplePath, "utf8")) as SampleCatalogue) : undefined;
  const gazetteer = ready ? (JSON.parse(readFileSync(gazetteerPath, "utf8")) as GazetteerData) : undefined;

  it.runIf(ready)("has 750 valid, fictional projects on real postcodes", () => {
    if (!catalogue || !gazetteer) return;
    expect(catalogue.projects).toHaveLength(750);
    expect(catalogue.generatedAt).toBe(DEFAULT_CONFIG.generatedAt);
    checkCatalogue(catalogue, gazetteer);
  });

  it.runIf(ready)("spreads over all 16 Länder roughly by population", () => {
    if (!catalogue) return;
    const total = STATES.reduce((sum, s) => sum + STATE_SHARES[s], 0);
    for (const s of STATES) {
      const count = catalogue.projects.filter((p) => p.state === (s as State)).length;
      const expected = (STATE_SHARES[s] / total) * 750;
      expect(count, s).toBeGreaterThan(0);
      expect(Math.abs(count - expected), s).toBeLessThanOrEqual(Math.max(2, expected * 0.1));
    }
  });

  it.runIf(ready)("has several Köln projects, reading ones for age 8 near 50667", () => {
    if (!catalogue || !gazetteer) return;
    const cologne = catalogue.projects.filter(inCologne);
    expect(cologne.length).toBeGreaterThanOrEqual(8);
    const origin = gazetteer.postcodes.find((p) => p[0] === "50667");
    expect(origin).toBeDefined();
    if (!origin) return;
    const near = cologne.filter(
      (p) =>
        p.focus.includes("reading") &&
        p.ageMin <= 8 &&
        p.ageMax >= 8 &&
        distanceKm(p, { lat: origin[1], lon: origin[2] }) <= 10,
    );
    expect(near.length).toBeGreaterThanOrEqual(3);
  });

  it.runIf(ready)("puts more projects in cities than villages, but some in small places", () => {
    if (!catalogue) return;
    const perPlace = new Map<string, number>();
    for (const p of catalogue.projects) perPlace.set(p.place, (perPlace.get(p.place) ?? 0) + 1);
    expect(perPlace.get("Berlin") ?? 0).toBeGreaterThanOrEqual(20);
    expect(perPlace.get("Hamburg") ?? 0).toBeGreaterThanOrEqual(10);
    expect(perPlace.size).toBeGreaterThan(150);
  });
});
