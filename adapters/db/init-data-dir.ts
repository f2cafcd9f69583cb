/**
 * Writes a pre-initialised, migrated PGlite data directory (run at install and before `npm start`,
 * only when it is missing or out of date): a plain directory that a first start copies into
 * DATA_DIR with the file system's own copy, or, for a path ending in .tar.gz, a tarball that
 * PGlite unpacks in memory (tests). Either way a first start does not run initdb, which takes
 * seconds and briefly holds a second set of WebAssembly memories.
 * With `--sample <file>` the seed also holds the fictional sample catalogue, so a first start of
 * `npm start` does not parse, validate and insert 9 MB of projects either (without it, or when
 * that fails, the first start loads the sample itself, as before). `--from <directory>` starts
 * from an earlier seed instead of running initdb.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadSampleCatalogue } from "../seed-sample-catalogue.js";
import { runMigrations } from "./migrations.js";
import { createPglite, pgliteDatabase } from "./pglite-database.js";

export interface SeedOptions {
  /** The sample catalogue file to load into the seed. */
  sampleFile?: string | undefined;
  /** A seed directory to start from (copied) instead of a new cluster. */
  from?: string | undefined;
}

export async function writeSeedDataDir(target: string, opts: SeedOptions = {}): Promise<number> {
  const tarball = target.endsWith(".tar.gz");
  const partial = `${target}.${process.pid}.tmp`;
  await mkdir(dirname(target), { recursive: true });
  await rm(partial, { recursive: true, force: true });
  const pg = await createPglite(tarball ? undefined : partial, tarball ? {} : { seedFile: opts.from });
  let projects = 0;
  try {
    const db = pgliteDatabase(pg);
    await runMigrations(db);
    if (opts.sampleFile)
      projects = await loadSampleCatalogue(db, JSON.parse(await readFile(opts.sampleFile, "utf8")));
    if (tarball) await writeFile(partial, new Uint8Array(await (await pg.dumpDataDir("gzip")).arrayBuffer()));
  } finally {
    // A clean shutdown: the directory is a consistent cluster that needs no recovery when copied.
    await pg.close();
  }
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
  return projects;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { sample: { type: "string" }, from: { type: "string" } },
  });
  const [target] = positionals;
  if (!target || positionals.length > 1)
    throw new Error(
      "usage: init-data-dir <directory | file.tar.gz> [--from <seed directory>] [--sample <file>]",
    );
  await writeSeedDataDir(target, { sampleFile: values.sample, from: values.from });
}
