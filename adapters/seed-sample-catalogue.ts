import { z } from "zod";
import { ProjectSchema } from "../core/project.js";
import type { Database } from "./db/database.js";
import { countProjects, upsertProjects } from "./db/project-store.js";
import type { Logger } from "./logger.js";

const SampleFileSchema = z.object({
  fictional: z.literal(true),
  notice: z.string(),
  projects: z.array(ProjectSchema),
});

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
  const sample = SampleFileSchema.parse(typeof sampleFile === "function" ? await sampleFile() : sampleFile);
  await db.transaction((tx) => upsertProjects(tx, sample.projects));
  logger.warn(
    { projects: sample.projects.length, source: "data/sample-projects.json" },
    "Loaded the FICTIONAL sample catalogue: these are not real projects, people or contacts. Import a real catalogue with `npm run import -- file.csv`.",
  );
  return sample.projects.length;
}
