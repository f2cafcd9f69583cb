/**
 * Generates data/sample-projects.json: 750 fictional mentoring projects spread over Germany.
 * Seeded, so the same gazetteer gives byte-identical output. Run: npm run build:catalogue
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import { ProjectSchema } from "../../core/project.js";
import { STATES } from "../../core/state.js";
import { DEFAULT_CONFIG } from "./sample-catalogue/config.js";
import { generateCatalogue } from "./sample-catalogue/generator.js";

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const gazetteer = JSON.parse(readFileSync(join(dataDir, "gazetteer.json"), "utf8")) as GazetteerData;
const catalogue = generateCatalogue(gazetteer, DEFAULT_CONFIG);

for (const project of catalogue.projects) {
  const result = ProjectSchema.safeParse(project);
  if (!result.success) throw new Error(`invalid project ${project.id}: ${result.error.message}`);
}

const out = join(dataDir, "sample-projects.json");
writeFileSync(out, `${JSON.stringify(catalogue, null, 2)}\n`);

const perState = STATES.map((s) => `${s} ${catalogue.projects.filter((p) => p.state === s).length}`);
console.log(`wrote ${catalogue.projects.length} projects to ${out}`);
console.log(perState.join(", "));
