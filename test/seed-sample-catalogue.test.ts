import { describe, expect, it } from "vitest";
import { runMigrations } from "../adapters/db/migrations.js";
import { openPglite } from "../adapters/db/pglite-database.js";
import { countProjects } from "../adapters/db/project-store.js";
import { createLogger } from "../adapters/logger.js";
import { seedSampleCatalogueIfEmpty } from "../adapters/seed-sample-catalogue.js";
import { minimalProject } from "./support/fixtures.js";

const logger = createLogger("silent");
const sample = { fictional: true, notice: "fictional", projects: [minimalProject(1), minimalProject(2)] };

describe("sample catalogue on first start", () => {
  it("reads the file only when the database is empty, so a warm start never parses it", async () => {
    const db = await openPglite(undefined);
    try {
      await runMigrations(db);
      let reads = 0;
      const load = async () => {
        reads += 1;
        return sample;
      };
      expect(await seedSampleCatalogueIfEmpty(db, load, logger)).toBe(2);
      expect(reads).toBe(1);
      expect(await countProjects(db)).toBe(2);
      expect(await seedSampleCatalogueIfEmpty(db, load, logger)).toBe(0);
      expect(reads).toBe(1);
    } finally {
      await db.close();
    }
  });
});
