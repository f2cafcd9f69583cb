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
 * On first start (empty projects table) loads the committed, fictional sample catalogue so the app is
 * usable at once, and says loudly that it is not real data. Returns how many projects were loaded.
 */
export async function seedSampleCatalogueIfEmpty(
  db: Database,
  sampleFile: unknown,
  logger: Logger,
): Promise<number> {
  if ((await countProjects(db)) > 0) return 0;
  const sample = SampleFileSchema.parse(sampleFile);
  await db.transaction((tx) => upsertProjects(tx, sample.projects));
  logger.warn(
    { projects: sample.projects.length, source: "data/sample-projects.json" },
    "Loaded the FICTIONAL sample catalogue: these are not real projects, people or contacts. Import a real catalogue with `npm run import -- file.csv`.",
  );
  return sample.projects.length;
}
