import { execFile } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { stringify } from "csv-stringify/sync";
import postgres from "postgres";
import type { Project } from "../core/project.js";
import { CSV_COLUMNS } from "../core/project-import.js";
import { syntheticProjects } from "./synthetic-projects.js";

const ROWS = 100_000;
const TARGET_PEAK_MB = 500;
const execFileAsync = promisify(execFile);

/** Long texts like real catalogue entries, so the file has a realistic size (~60 MB at 100k). */
const LONG_DE =
  "Ehrenamtliche Patinnen und Paten treffen sich einmal pro Woche mit einem Kind oder Jugendlichen, lesen gemeinsam, helfen bei den Hausaufgaben und begleiten den Weg durch die Schule bis in die Ausbildung. ";
const LONG_AR = "يلتقي المتطوعون مرة في الأسبوع مع طفل أو شاب، يقرؤون معًا ويساعدون في الواجبات المدرسية.";

function csvRow(p: Project): Record<string, string> {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    short_description: p.shortDescription,
    description: LONG_DE.repeat(2),
    focus: p.focus.join(";"),
    age_min: String(p.ageMin),
    age_max: String(p.ageMax),
    audiences: p.audiences.join(";"),
    languages: p.languages.join(";"),
    volunteers_wanted: p.volunteers.wanted ? "ja" : "nein",
    postcode: p.postcode,
    place: p.place,
    state: p.state,
    lat: p.lat.toFixed(5),
    lon: p.lon.toFixed(5),
    contact_email: `kontakt${p.id}@example.org`,
    updated_at: p.updatedAt,
    description_ar: LONG_AR,
  };
}

export async function writeCatalogue(path: string): Promise<void> {
  const columns = [...CSV_COLUMNS, "description_ar"];
  const chunks: string[] = [stringify([columns])];
  // Generated in slices so the bench itself stays small.
  for (let start = 0; start < ROWS; start += 10_000) {
    const slice = syntheticProjects(Math.min(ROWS, start + 10_000)).slice(start);
    chunks.push(stringify(slice.map(csvRow), { columns }));
  }
  await writeFile(path, chunks.join(""));
}

interface Measurement {
  mode: string;
  rows: number;
  ms: number;
  peakRssMb: number;
}

async function measure(
  mode: string,
  file: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Measurement> {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const { stdout } = await execFileAsync(tsx, ["bench/import-rss-child.ts", mode, file, dataDir], {
    maxBuffer: 1024 * 1024,
    env: { ...process.env, BENCH_DATABASE_URL: "", LOG_LEVEL: "silent", ...env },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Measurement;
}

/**
 * Peak RSS of importing 100,000 projects from CSV into PGlite (an existing data directory, as after
 * the app's first start), beside baselines measured in the same run: reading the file alone, loading the
 * gazetteer and opening the database, and the previous way of holding the whole file and every
 * project in memory. Each runs in its own process (peak RSS is per process).
 */
export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "import-bench-"));
  try {
    const file = join(dir, "projects.csv");
    await writeCatalogue(file);
    const mb = (await stat(file)).size / 1024 / 1024;
    console.log(
      `import of ${ROWS.toLocaleString("en")} projects from CSV (${mb.toFixed(0)} MB), peak RSS per process`,
    );
    const rows: [string, Measurement][] = [];
    // The app creates its data directory on first start; an import runs against an existing one.
    const warm = join(dir, "db-warm");
    await measure("gazetteer-and-db", file, warm);
    for (const [label, mode, dataDir] of [
      ["baseline: stream the file, keep nothing", "read", warm],
      ["baseline: gazetteer + open PGlite", "gazetteer-and-db", warm],
      ["before: whole file parsed in memory", "whole", warm],
      ["import --dry-run (streamed, no writes)", "dry-run", warm],
      ["import (streamed, batched upserts)", "import", warm],
    ] as const) {
      rows.push([label, await measure(mode, file, dataDir)]);
    }
    // For comparison: the same import into a fresh data directory pays PGlite's initdb as well.
    const fresh = await measure("import", file, join(dir, "db-fresh"));
    // PostgreSQL (BENCH_DATABASE_URL, a throwaway database): the importer's own memory without PGlite.
    const pgUrl = process.env.BENCH_DATABASE_URL;
    if (pgUrl) {
      const env = { BENCH_DATABASE_URL: pgUrl };
      rows.push([
        "baseline: gazetteer + connect PostgreSQL",
        await measure("gazetteer-and-db", file, warm, env),
      ]);
      rows.push(["import into PostgreSQL", await measure("import", file, warm, env)]);
      // Leave the shared bench database without the 100,000 synthetic projects: startup-memory runs
      // the app on it next, and would otherwise measure a start with a 100,000-project catalogue.
      const sql = postgres(pgUrl, { max: 1, onnotice: () => {} });
      try {
        await sql`TRUNCATE projects`;
      } finally {
        await sql.end();
      }
    }
    for (const [label, m] of rows) {
      console.log(
        `  ${label.padEnd(42)} ${String(m.peakRssMb).padStart(6)} MB  ${String(m.ms).padStart(7)} ms`,
      );
    }
    const imported = rows.find(([label]) => label.startsWith("import (streamed"))?.[1];
    if (imported) {
      const verdict = imported.peakRssMb <= TARGET_PEAK_MB ? "meets" : "MISSES";
      console.log(
        `  target: import peak ≤ ${TARGET_PEAK_MB} MB → ${verdict} (${imported.rows} rows written)`,
      );
    }
    console.log(
      `  (into a fresh PGlite data directory, initdb included: ${fresh.peakRssMb} MB, ${fresh.ms} ms)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
