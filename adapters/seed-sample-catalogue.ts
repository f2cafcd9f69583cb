import * as z from "zod";
import { ProjectSchema } from "../core/project.js";
import type { Database } from "./db/database.js";
import { countProjects, upsertProjects } from "./db/project-store.js";
import type { Logger } from "./logger.js";

const SampleFileSchema = z.object({
  fictional: z.literal(true),
  notice: z.string(),
  projects: z.array(ProjectSchema),
});

/** What a first start says about the sample catalogue, wherever it was loaded (here or into the install seed). */
export const SAMPLE_CATALOGUE_NOTICE =
  "Loaded the FICTIONAL sample catalogue: these are not real projects, people or contacts. Import a real catalogue with `npm run import -- file.csv`.";

/**
 * Validates the sample file's content (or what a function reading it returns) and writes its
 * projects in one transaction; returns how many. Also used at install, to put the sample
 * catalogue into the PGlite seed (db/init-data-dir.ts).
 */
export async function loadSampleCatalogue(db: Database, sampleFile: unknown): Promise<number> {
  const sample = SampleFileSchema.parse(typeof sampleFile === "function" ? await sampleFile() : sampleFile);
  await db.transaction((tx) => upsertProjects(tx, sample.projects));
  return sample.projects.length;
}

/**
 * On first start (empty projects table) loads the committed, fictional sample catalogue (the file's
 * content, or a function that reads it) so the app is
 * usable at once, and says loudly that it is not real data. Returns how many projects were loaded.
 */
export async function seedSampleCatalogueIfEmpty(
  db: Database,
  sampleFile: unknown,
  logger: Logger,
): Promise<number> {
  if ((await countProjects(db)) > 0) return 0;
  // A loader is called only now: a warm start never reads or parses the 9 MB file.
  const loaded = await loadSampleCatalogue(db, sampleFile);
  logger.warn({ projects: loaded, source: "data/sample-projects.json" }, SAMPLE_CATALOGUE_NOTICE);
  return loaded;
}
