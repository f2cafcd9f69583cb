import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importProjectsFile } from "../adapters/db/import-projects.js";
import { countProjects, getProject, listProjects } from "../adapters/db/project-store.js";
import type { ImportIssue, PostcodeLocator } from "../core/project-import.js";
import { CSV_COLUMNS, formatIssue } from "../core/project-import.js";
import { parseProjectsCsv } from "../core/project-import-text.js";
import { describeEachDatabase } from "./support/databases.js";
import { fullProject } from "./support/fixtures.js";

const NOW = new Date("2024-06-01T09:00:00.000Z");
const locate: PostcodeLocator = (pc) =>
  pc === "10115" ? { lat: 52.5324, lon: 13.3846, state: "BE", place: "Berlin" } : undefined;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "import-stream-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a CSV with the template columns plus `extra` columns; rows give values by column. */
async function csvFile(name: string, rows: Record<string, string>[], extra: string[] = []): Promise<string> {
  const columns = [...CSV_COLUMNS, ...extra];
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => quote(r[c] ?? "")).join(","))];
  const path = join(dir, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

function berlinRow(i: number, more: Record<string, string> = {}): Record<string, string> {
  return {
    id: `projekt-${i}`,
    name: `Projekt ${i}`,
    organisation: "Träger e.V.",
    short_description: "Mentoring in die Ausbildung",
    focus: "work",
    age_min: "14",
    age_max: "25",
    languages: "de;ar;tr",
    postcode: "10115",
    ...more,
  };
}

describeEachDatabase("importProjectsFile (streamed)", (ctx) => {
  it("streams a CSV in batches, reports bad rows as they pass and writes the valid ones", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => berlinRow(i));
    rows.splice(3, 0, { ...berlinRow(99), age_min: "zwölf" });
    const path = await csvFile("batches.csv", rows);
    const issues: string[] = [];
    const result = await importProjectsFile(path, {
      db: ctx.db(),
      locate,
      now: () => NOW,
      batchSize: 2,
      onIssue: (issue, format) => issues.push(formatIssue(issue, format)),
    });
    expect(result).toMatchObject({ format: "csv", rowsRead: 8, valid: 7, invalid: 1, upserted: 7 });
    expect(issues).toEqual(['line 5, field age_min: expected a number, got "zwölf"']);
    expect(await countProjects(ctx.db())).toBe(7);
    expect(await getProject(ctx.db(), "projekt-6")).toMatchObject({ lat: 52.5324, place: "Berlin" });
  });

  it("maps description_<lang> and short_description_<lang> columns to per-language descriptions", async () => {
    const path = await csvFile(
      "languages.csv",
      [
        berlinRow(1, {
          short_description_ar: "إرشاد نحو التدريب المهني",
          description_ar: "يرافق المتطوعون الشباب.",
          short_description_tr: "Mesleki eğitime mentorluk",
        }),
      ],
      ["short_description_ar", "description_ar", "short_description_tr", "description_de"],
    );
    const warnings: string[] = [];
    await importProjectsFile(path, {
      db: ctx.db(),
      locate,
      now: () => NOW,
      onWarning: (w) => warnings.push(w),
    });
    const stored = await getProject(ctx.db(), "projekt-1");
    expect(stored?.descriptions).toStrictEqual({
      ar: { short: "إرشاد نحو التدريب المهني", long: "يرافق المتطوعون الشباب." },
      tr: { short: "Mesleki eğitime mentorluk" },
    });
    // German is the main text, not a per-language column.
    expect(warnings).toEqual(["unknown columns ignored: description_de"]);
  });

  it("reports a too long per-language text under its column", async () => {
    const path = await csvFile(
      "too-long.csv",
      [berlinRow(1, { short_description_fa: "x".repeat(301) })],
      ["short_description_fa"],
    );
    const issues: ImportIssue[] = [];
    const result = await importProjectsFile(path, { dryRun: true, locate, onIssue: (i) => issues.push(i) });
    expect(result.valid).toBe(0);
    expect(issues.map((i) => i.field)).toEqual(["short_description_fa"]);
  });

  it("takes JSON through the same validation and writes nothing on a dry run", async () => {
    const { lat: _lat, lon: _lon, ...noCoords } = fullProject({ id: "from-postcode", postcode: "10115" });
    const path = join(dir, "projects.json");
    await writeFile(
      path,
      JSON.stringify({ projects: [fullProject(), noCoords, { ...fullProject(), focus: [] }] }),
    );
    const issues: string[] = [];
    const dry = await importProjectsFile(path, {
      db: ctx.db(),
      dryRun: true,
      locate,
      onIssue: (i, f) => issues.push(formatIssue(i, f)),
    });
    expect(dry).toMatchObject({ format: "json", rowsRead: 3, valid: 2, invalid: 1, upserted: 0 });
    expect(issues).toEqual(["item 3, field focus: Too small: expected array to have >=1 items"]);
    expect(await countProjects(ctx.db())).toBe(0);
    await importProjectsFile(path, { db: ctx.db(), locate });
    expect((await listProjects(ctx.db())).map((p) => p.id)).toEqual(["from-postcode", "lesepaten-koeln"]);
  });

  it("gives the same projects and issues as validating the whole text at once", async () => {
    const rows = [berlinRow(1), { ...berlinRow(2), contact_email: "kaputt" }, berlinRow(1)];
    const path = await csvFile("same.csv", rows);
    const streamed: ImportIssue[] = [];
    await importProjectsFile(path, {
      db: ctx.db(),
      locate,
      now: () => NOW,
      onIssue: (i) => streamed.push(i),
    });
    const { readFile } = await import("node:fs/promises");
    const whole = parseProjectsCsv(await readFile(path, "utf8"), { locate, now: () => NOW });
    expect(streamed).toEqual(whole.issues);
    expect(await listProjects(ctx.db())).toStrictEqual(whole.valid);
  });
});
