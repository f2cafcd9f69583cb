import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { writeSeedDataDir } from "../adapters/db/init-data-dir.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createPglite } from "../adapters/db/pglite-database.js";
import { countProjects, getProject, upsertProjects } from "../adapters/db/project-store.js";
import { fullProject, minimalProject } from "./support/fixtures.js";

it("keeps data in DATA_DIR across restarts and migrates only once", async () => {
  const dir = await mkdtemp(join(tmpdir(), "pglite-"));
  try {
    // A nested, not yet existing directory, as ./.data/db is on a fresh checkout.
    const dataDir = join(dir, "nested", "db");
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe("pglite");
    await upsertProjects(first, [fullProject()]);
    await first.close();

    const second = await openDatabase({ dataDir });
    expect(await countProjects(second)).toBe(1);
    expect(await getProject(second, "lesepaten-koeln")).toStrictEqual(fullProject());
    const applied = await second.query<{ n: number }>("SELECT count(*) AS n FROM schema_migrations");
    expect(applied[0]?.n).toBeGreaterThan(0);
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

it("loads the packaged data directory into an empty DATA_DIR instead of running initdb, and only then", async () => {
  const dir = await mkdtemp(join(tmpdir(), "pglite-seed-"));
  try {
    const seed = await createPglite(undefined);
    await seed.exec("CREATE TABLE seed_marker (n int); INSERT INTO seed_marker VALUES (7)");
    const seedFile = join(dir, "seed.tar.gz");
    await writeFile(seedFile, new Uint8Array(await (await seed.dumpDataDir("gzip")).arrayBuffer()));
    await seed.close();

    const dataDir = join(dir, "db");
    const first = await openDatabase({ dataDir, pgliteSeedFile: seedFile });
    expect(await first.query("SELECT n FROM seed_marker")).toEqual([{ n: 7 }]);
    await upsertProjects(first, [fullProject()]);
    await first.close();

    // An existing data directory is resumed, never overwritten by the seed.
    const second = await openDatabase({ dataDir, pgliteSeedFile: seedFile });
    expect(await countProjects(second)).toBe(1);
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);

it("copies a seed directory holding the sample catalogue into an empty DATA_DIR, redoing a copy cut short", async () => {
  const dir = await mkdtemp(join(tmpdir(), "pglite-seed-dir-"));
  try {
    const sampleFile = join(dir, "sample.json");
    const sample = { fictional: true, notice: "fictional", projects: [minimalProject(1), minimalProject(2)] };
    await writeFile(sampleFile, JSON.stringify(sample));
    const schemaSeed = join(dir, "seed");
    expect(await writeSeedDataDir(schemaSeed)).toBe(0);
    const sampleSeed = join(dir, "seed-sample");
    expect(await writeSeedDataDir(sampleSeed, { from: schemaSeed, sampleFile })).toBe(2);

    // The schema seed stays without projects; the sample seed has them, and both are migrated.
    const plain = await openDatabase({ dataDir: join(dir, "plain"), pgliteSeedFile: schemaSeed });
    expect(await countProjects(plain)).toBe(0);
    await plain.close();

    // A copy cut short (no PG_VERSION yet) is not taken for a database: the next start copies again.
    const dataDir = join(dir, "db");
    await cp(sampleSeed, dataDir, { recursive: true, filter: (src) => !src.endsWith("PG_VERSION") });
    await rm(join(dataDir, "base"), { recursive: true });
    const first = await openDatabase({ dataDir, pgliteSeedFile: sampleSeed });
    expect(await countProjects(first)).toBe(2);
    expect(await getProject(first, "p-0002")).toStrictEqual(minimalProject(2));
    await upsertProjects(first, [fullProject()]);
    await first.close();

    const second = await openDatabase({ dataDir, pgliteSeedFile: sampleSeed });
    expect(await countProjects(second)).toBe(3);
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
