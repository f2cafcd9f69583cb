import { type ComposeInputs, composeServices } from "../../adapters/compose.js";
import { loadConfig } from "../../adapters/config.js";
import { openDatabase } from "../../adapters/db/open-database.js";
import { createLogger } from "../../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../../adapters/node-data-files.js";

/** The whole app on a throwaway in-memory PGlite with the sample catalogue (no Slack, no Telegram). */
export async function webServices(
  opts: { env?: Record<string, string>; now?: () => Date } & Partial<ComposeInputs>,
) {
  const { env, ...inputs } = opts;
  return composeServices(loadConfig({ LOG_LEVEL: "silent", ...env }), {
    logger: createLogger("silent"),
    gazetteerData: await readGazetteerData(),
    sampleCatalogue: await readSampleCatalogue(),
    inMemory: true,
    openDatabase,
    catalogueRefreshMs: 0,
    ...inputs,
  });
}
