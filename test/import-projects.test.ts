import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { importProjects } from "../adapters/db/import-projects.js";
import { countProjects, getProject, listProjects } from "../adapters/db/project-store.js";
import { CSV_COLUMNS, deriveProjectId, formatIssue, type PostcodeLocator } from "../core/project-import.js";
import { parseProjectsCsv, parseProjectsFile, parseProjectsJson } from "../core/project-import-text.js";
import { describeEachDatabase } from "./support/databases.js";
import { fullProject } from "./support/fixtures.js";

const NOW = new Date("2024-06-01T09:00:00.000Z");
const locate: PostcodeLocator = (pc) =>
  pc === "10115" ? { lat: 52.5324, lon: 13.3846, state: "BE", place: "Berlin" } : undefined;
const opts = { locate, now: () => NOW };

const HEADER = CSV_COLUMNS.join(",");
/** One CSV row from column values; unspecified columns are empty. */
function row(values: Record<string, string>): string {
  return CSV_COLUMNS.map((c) => {
    const v = values[c] ?? "";
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
}

const GOOD = {
  id: "lesepaten-koeln",
  name: "Lesepaten Köln",
  organisation: "Beispiel e.V.",
  short_description: "Ehrenamtliche lesen mit Kindern.",
  description: "Einmal pro Woche treffen sich Tandems zum Lesen – „mit Umlauten“ und Emoji 📚.",
  short_description_en: "Volunteers read with children.",
  description_en: "Tandems meet weekly to read.",
  focus: "reading;school",
  age_min: "6",
  age_max: "12",
  audiences: "children;refugees",
  languages: "de;AR;prs",
  volunteers_wanted: "yes",
  volunteer_hours_per_week: "1,5",
  certificate_of_conduct: "ja",
  volunteer_notes: "Mo–Fr nachmittags",
  address: "Musterstraße 1",
  postcode: "50667",
  place: "Köln",
  state: "Nordrhein-Westfalen",
  lat: "50.9375123",
  lon: "6.9602786",
  contact_email: "info@example.org",
  contact_phone: "+49 30 123456",
  contact_website: "https://example.org/lesen",
  slack_channel_id: "C0123ABCD",
  updated_at: "2024-05-01T10:00:00+02:00",
};

function messages(csv: string) {
  const parsed = parseProjectsCsv(csv, opts);
  return parsed.issues.map((i) => formatIssue(i, parsed.format));
}

describe("parseProjectsCsv", () => {
  it("reads every column of a full row into the Project shape", () => {
    const parsed = parseProjectsCsv(`${HEADER}\n${row(GOOD)}\n`, opts);
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid).toStrictEqual([fullProject()]);
    expect(parsed).toMatchObject({ format: "csv", rowsRead: 1, invalidRows: 0, warnings: [] });
  });

  it("fills location, id, updatedAt and volunteer defaults for a row with little more than a postcode", () => {
    const minimal = {
      name: "Ausbildungsbrücke Berlin",
      organisation: "Träger",
      short_description: "Mentoring in die Ausbildung",
      focus: "work",
      age_min: "15",
      age_max: "25",
      languages: "de",
      postcode: "10115",
    };
    const parsed = parseProjectsCsv(`${HEADER}\n${row(minimal)}\n`, opts);
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid[0]).toStrictEqual({
      id: "ausbildungsbruecke-berlin-10115",
      name: "Ausbildungsbrücke Berlin",
      organisation: "Träger",
      shortDescription: "Mentoring in die Ausbildung",
      description: "",
      focus: ["work"],
      ageMin: 15,
      ageMax: 25,
      audiences: [],
      languages: ["de"],
      volunteers: { wanted: false, certificateOfConduct: true },
      postcode: "10115",
      place: "Berlin",
      state: "BE",
      lat: 52.5324,
      lon: 13.3846,
      contact: {},
      updatedAt: "2024-06-01T09:00:00.000Z",
    });
  });

  it("reports each bad row as line N, field X: reason, counting the header as line 1", () => {
    const csv = [
      HEADER,
      row({ ...GOOD, id: "bad-email", contact_email: "not-an-email" }),
      row({ ...GOOD, id: "unknown-focus", focus: "reading;cooking" }),
      row({ ...GOOD, id: "ages", age_min: "12", age_max: "8" }),
      row({ ...GOOD, id: "no-name", name: "" }),
      row({ postcode: "10115" }),
      row({ ...GOOD, id: "typo", age_min: "sechs", volunteers_wanted: "vielleicht" }),
      row({ ...GOOD, id: "unknown-pc", postcode: "99999", lat: "", lon: "" }),
      row({ ...GOOD, id: "ok" }),
    ].join("\n");
    const out = messages(csv);
    expect(out).toContain("line 2, field contact_email: Invalid email address");
    expect(out.find((m) => m.startsWith("line 3, field focus:"))).toMatch(/expected one of .*reading/);
    expect(out).toContain("line 4, field age_max: ageMax must not be below ageMin");
    expect(out).toContain("line 5, field name: missing");
    expect(out.filter((m) => m.startsWith("line 6,"))).toEqual([
      "line 6, field name: missing",
      "line 6, field organisation: missing",
      "line 6, field short_description: missing",
      "line 6, field focus: missing",
      "line 6, field age_min: missing",
      "line 6, field age_max: missing",
      "line 6, field languages: missing",
    ]);
    expect(out.filter((m) => m.startsWith("line 7,"))).toEqual([
      'line 7, field age_min: expected a number, got "sechs"',
      'line 7, field volunteers_wanted: expected yes or no, got "vielleicht"',
    ]);
    expect(out).toContain("line 8, field lat: missing, and postcode 99999 is not in the gazetteer");
    const parsed = parseProjectsCsv(csv, opts);
    expect(parsed.valid.map((p) => p.id)).toEqual(["ok"]);
    expect(parsed).toMatchObject({ rowsRead: 8, invalidRows: 7 });
  });

  it("counts lines across quoted multi-line cells and blank lines, and flags duplicate ids", () => {
    const csv = [
      HEADER,
      row({ ...GOOD, description: "eins\nzwei\ndrei" }),
      "",
      row({ ...GOOD, contact_email: "x" }),
    ]
      .join("\n")
      .concat("\n", row(GOOD));
    const out = messages(csv);
    expect(out).toEqual([
      "line 6, field contact_email: Invalid email address",
      "line 7, field id: duplicate id lesepaten-koeln, first used on line 2",
    ]);
  });

  it("accepts ';'-delimited files with a BOM and reports unknown columns", () => {
    const csv = `\uFEFF${[...CSV_COLUMNS, "Bemerkung"].join(";")}\n${CSV_COLUMNS.map((c) =>
      c === "focus"
        ? "reading,school"
        : c === "audiences"
          ? "children|refugees"
          : c === "languages"
            ? "de,ar,prs"
            : (GOOD as Record<string, string>)[c],
    ).join(";")};intern\n`;
    const parsed = parseProjectsCsv(csv, opts);
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid).toStrictEqual([fullProject()]);
    expect(parsed.warnings).toEqual(["unknown columns ignored: bemerkung"]);
  });

  it("needs a locator to fill coordinates", () => {
    const parsed = parseProjectsCsv(`${HEADER}\n${row({ ...GOOD, lat: "", lon: "" })}\n`);
    expect(parsed.issues.map((i) => formatIssue(i))).toEqual([
      "line 2, field lat: missing, and no gazetteer available to look it up",
    ]);
  });
});

describe("parseProjectsJson", () => {
  it("validates items and reports them by position", () => {
    const {
      lat: _lat,
      lon: _lon,
      place: _place,
      state: _state,
      ...noLocation
    } = fullProject({
      id: "from-postcode",
      postcode: "10115",
    });
    const json = JSON.stringify({
      projects: [
        fullProject(),
        { ...fullProject({ id: "bad" }), contact: { email: "nope" }, focus: ["cooking"] },
        noLocation,
        { ...fullProject({ id: "ages" }), ageMin: 20, ageMax: 10 },
        "not an object",
        fullProject(),
      ],
    });
    const parsed = parseProjectsJson(json, opts);
    expect(parsed.issues.map((i) => formatIssue(i, "json"))).toEqual([
      'item 2, field focus: Invalid option: expected one of "reading"|"school"|"work"|"arriving"|"leisure"|"mentoring"',
      "item 2, field contact.email: Invalid email address",
      "item 4, field ageMax: ageMax must not be below ageMin",
      "item 5, field (item): expected an object",
      "item 6, field id: duplicate id lesepaten-koeln, first used in item 1",
    ]);
    expect(parsed.valid.map((p) => p.id)).toEqual(["lesepaten-koeln", "from-postcode"]);
    expect(parsed.valid[1]).toMatchObject({ lat: 52.5324, lon: 13.3846, state: "BE", place: "Berlin" });
  });

  it("refuses a file that is not a project list", () => {
    expect(parseProjectsJson("{", opts).issues[0]?.field).toBe("(file)");
    expect(parseProjectsJson('{"x":1}', opts).issues[0]?.message).toMatch(/expected an array/);
    expect(() => parseProjectsFile("projects.xlsx", "", opts)).toThrow(/\.csv or \.json/);
  });

  it("derives readable ids", () => {
    expect(deriveProjectId("Über Grenzen – Café Ñandú!", "04109")).toBe("ueber-grenzen-cafe-nandu-04109");
  });
});

describeEachDatabase("importProjects", (ctx) => {
  const csv = [
    HEADER,
    row(GOOD),
    row({ ...GOOD, id: "second", name: "Zweites Projekt" }),
    row({ name: "x" }),
  ].join("\n");

  it("upserts all valid rows in one transaction and skips invalid ones", async () => {
    const parsed = parseProjectsCsv(csv, opts);
    expect(await importProjects(ctx.db(), parsed)).toEqual({
      rowsRead: 3,
      valid: 2,
      invalid: 1,
      upserted: 2,
    });
    expect(await getProject(ctx.db(), "lesepaten-koeln")).toStrictEqual(fullProject());
    // A re-import updates in place.
    await importProjects(ctx.db(), parsed);
    expect((await listProjects(ctx.db())).map((p) => p.id)).toEqual(["lesepaten-koeln", "second"]);
  });

  it("changes nothing on a dry run or when no row is valid", async () => {
    expect(await importProjects(ctx.db(), parseProjectsCsv(csv, opts), { dryRun: true })).toMatchObject({
      valid: 2,
      upserted: 0,
    });
    const none = parseProjectsCsv([HEADER, row({ name: "x" })].join("\n"), opts);
    expect(await importProjects(ctx.db(), none)).toEqual({ rowsRead: 1, valid: 0, invalid: 1, upserted: 0 });
    expect(await countProjects(ctx.db())).toBe(0);
  });
});

describe("import CLI", () => {
  const run = promisify(execFile);
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");

  it("imports into DATA_DIR, and exits 1 when no row is valid", async () => {
    const dir = await mkdtemp(join(tmpdir(), "import-cli-"));
    try {
      const good = join(dir, "good.csv");
      const bad = join(dir, "bad.csv");
      await writeFile(good, [HEADER, row(GOOD), row({ name: "x" })].join("\n"));
      await writeFile(bad, [HEADER, row({ name: "x" })].join("\n"));
      const env = { ...process.env, DATA_DIR: join(dir, "db"), DATABASE_URL: "" };
      const ok = await run(tsx, ["data/scripts/import-projects.ts", good], { env });
      expect(ok.stdout).toContain("rows read: 2, valid: 1, invalid: 1, upserted: 1");
      expect(ok.stderr).toContain("line 3, field organisation: missing");
      const failed = run(tsx, ["data/scripts/import-projects.ts", bad, "--dry-run"], { env });
      await expect(failed).rejects.toMatchObject({ code: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
