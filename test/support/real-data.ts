import { readGazetteerData, readSampleCatalogue } from "../../adapters/node-data-files.js";
import { readNeeds } from "../../bot/understanding-tables.js";
import { createCatalogue } from "../../core/catalogue.js";
import { createGazetteer } from "../../core/gazetteer.js";
import type { Gazetteer } from "../../core/location.js";
import { type Project, ProjectSchema } from "../../core/project.js";
import type { Catalogue } from "../../core/ranking-types.js";

let cached: Promise<{ gazetteer: Gazetteer; catalogue: Catalogue; projects: Project[] }> | undefined;

/** The committed gazetteer and sample catalogue, built once per test file. */
export function realData() {
  cached ??= (async () => {
    const [g, s] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
    const projects = (s as { projects: unknown[] }).projects.map((p) => ProjectSchema.parse(p));
    return { gazetteer: createGazetteer(g), catalogue: createCatalogue(projects, readNeeds), projects };
  })();
  return cached;
}
