import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openDatabase } from "../adapters/db/open-database.js";
import { countProjects, getProject, upsertProjects } from "../adapters/db/project-store.js";
import { fullProject } from "./support/fixtures.js";

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
