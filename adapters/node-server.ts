import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { composeServices, SHUTDOWN_GRACE_MS } from "./compose.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/open-database.js";
import { errorFields, logError } from "./errors.js";
import { runHousekeeping } from "./housekeeping.js";
import { createLogger } from "./logger.js";
import { createAppMetrics } from "./metrics/app-metrics.js";
import { readGazetteerData, readSampleCatalogue } from "./node-data-files.js";
import { closeIdleSockets, nodeServerOptions } from "./node-server-limits.js";
import { SAMPLE_CATALOGUE_NOTICE } from "./seed-sample-catalogue.js";

const HOUSEKEEPING_MS = 60 * 60 * 1000;

export interface StartFacts {
  /** The migrated data directory (with the sample catalogue) a first start copies (see node-main.ts). */
  pgliteSeedFile: string;
  /** A DATA_DIR that held no database when this process started (it is created now). */
  freshDataDir: string | undefined;
}

/** The app behind the Node entry (node-main.ts): read the config once, wire everything, serve, shut down cleanly. */
export async function main({ pgliteSeedFile, freshDataDir }: StartFacts): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const metrics = createAppMetrics();
  const logger = createLogger(config.LOG_LEVEL, undefined, {
    onError: (component) => metrics.errors.inc({ component }),
  });
  const gazetteerData = await readGazetteerData();
  let sampleRead = false;
  const services = await composeServices(config, {
    logger,
    gazetteerData,
    // Read only when the database is empty (a first start without a seed holding the catalogue).
    sampleCatalogue: () => {
      sampleRead = true;
      return readSampleCatalogue();
    },
    metrics,
    openDatabase: (opts) => openDatabase({ ...opts, pgliteSeedFile }),
  });

  // A database created from the install seed came with the sample catalogue; say so as loudly.
  if (!config.DATABASE_URL && freshDataDir === config.DATA_DIR && !sampleRead && existsSync(pgliteSeedFile)) {
    const projects = services.catalogue.get().size;
    if (projects > 0)
      logger.warn(
        { projects, source: "data/sample-projects.json via dist/pglite-seed-sample" },
        SAMPLE_CATALOGUE_NOTICE,
      );
  }

  // At start as well as hourly: a process restarted more often than hourly must still purge.
  const keepHouse = () =>
    runHousekeeping(services.db, config, new Date())
      .then((counts) => logger.info(counts, "housekeeping: expired rows removed"))
      .catch((err: unknown) => logger.warn({ err: errorFields(err) }, "housekeeping failed"));
  void keepHouse();
  const housekeeping = setInterval(keepHouse, HOUSEKEEPING_MS);
  housekeeping.unref();

  const server = serve(
    { fetch: services.app.fetch, port: config.PORT, serverOptions: nodeServerOptions() },
    (info) => {
      logger.info(
        {
          port: info.port,
          db: services.db.kind,
          telegram: services.telegram ? (config.PUBLIC_URL ? "webhook" : "polling") : "off",
        },
        `web chat at http://localhost:${info.port}`,
      );
    },
  );
  closeIdleSockets(server as Server);
  await services.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    clearInterval(housekeeping);
    // Stop taking work; deliveries in flight get SHUTDOWN_GRACE_MS, the rest stays in the outbox.
    server.close();
    setTimeout(() => {
      logger.warn("shutdown took too long; exiting, undelivered messages stay queued");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 5000).unref();
    services
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logError(logger, err, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}
