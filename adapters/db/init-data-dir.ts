/**
 * Writes a pre-initialised, migrated PGlite data directory as a gzip tarball (run at install and
 * before `npm start`, only when the file is missing). A first start loads it instead of running
 * initdb, which takes seconds and briefly holds a second set of WebAssembly memories.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runMigrations } from "./migrations.js";
import { createPglite, pgliteDatabase } from "./pglite-database.js";

export async function writeSeedDataDir(file: string): Promise<void> {
  const pg = await createPglite(undefined);
  try {
    await runMigrations(pgliteDatabase(pg));
    const dump = await pg.dumpDataDir("gzip");
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await pg.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: init-data-dir <file.tar.gz>");
  await writeSeedDataDir(file);
}
