import { composeServices, type Services } from "../../adapters/compose.js";
import { loadConfig } from "../../adapters/config.js";
import { openDatabase } from "../../adapters/db/open-database.js";
import { createLogger } from "../../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../../adapters/node-data-files.js";

/** The whole app on an in-memory database, without Telegram or Slack; `env` adds configuration. */
export async function startWebWorld(env: Record<string, string> = {}, now?: () => Date): Promise<Services> {
  const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
  return composeServices(loadConfig({ LOG_LEVEL: "silent", ...env }), {
    logger: createLogger("silent"),
    gazetteerData,
    sampleCatalogue,
    inMemory: true,
    openDatabase,
    catalogueRefreshMs: 0,
    ...(now ? { now } : {}),
  });
}

/** POST /api/chat as the page does it; `cookie` is the visitor cookie's value, `from` the client address. */
export function postChat(
  services: Services,
  event: Record<string, unknown>,
  opts: { cookie?: string; from?: string; language?: string } = {},
): Promise<Response> {
  return Promise.resolve(
    services.app.request("/api/chat", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sec-fetch-site": "same-origin",
        ...(opts.cookie ? { cookie: `pf_sid=${opts.cookie}` } : {}),
        ...(opts.from ? { "x-forwarded-for": `10.0.0.1, ${opts.from}` } : {}),
      },
      body: JSON.stringify({ event, ...(opts.language ? { language: opts.language } : {}) }),
    }),
  );
}

/** The visitor cookie value a response set, if any. */
export function cookieFrom(res: Response): string | undefined {
  return /pf_sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
}
