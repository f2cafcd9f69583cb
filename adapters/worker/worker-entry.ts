import type { GazetteerData } from "../../core/gazetteer-data.js";
import gazetteerJson from "../../data/gazetteer.json" with { type: "json" };
import { composeServices, type Services } from "../compose.js";
import type { Config } from "../config.js";
import { runMigrations } from "../db/migrations.js";
import { openPostgres } from "../db/postgres-database.js";
import { logError } from "../errors.js";
import { runHousekeeping } from "../housekeeping.js";
import { createLogger, type Logger } from "../logger.js";
import { createAppMetrics } from "../metrics/app-metrics.js";
import { requestScopedDatabase } from "./request-scoped-database.js";
import { type WorkerEnv, workerConfig } from "./worker-env.js";

/** The parts of the Workers runtime's ExecutionContext and ScheduledController we use. */
interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props?: unknown;
}
interface ScheduledEvent {
  scheduledTime: number;
  cron: string;
}

const CATALOGUE_REFRESH_MS = 60_000;
/** Follow-ups (reminders, expiries) run every 10 minutes, as on Node. */
const FOLLOW_UP_EVERY_MINUTES = 10;

interface Isolate {
  services: Services;
  logger: Logger;
  catalogueCheckedAt: number;
}

let config: Config | undefined;
/** The config, read once per isolate and before any connection is opened (bindings never change). */
function configOf(env: WorkerEnv): Config {
  config ??= workerConfig(env);
  return config;
}
const database = requestScopedDatabase(() => {
  const url = config?.DATABASE_URL;
  // Never let the driver fall back to its defaults (localhost, PG* variables).
  if (!url) throw new Error("no database configured");
  // Hyperdrive pools connections; a request needs few (a turn's transaction, the dispatcher's claim).
  return openPostgres(url, { max: 3, probe: false });
});
let isolate: Promise<Isolate> | undefined;

/**
 * Builds the app once per isolate, inside the first request: libraries that start timers at
 * creation (rate-limit stores) may not do so at global scope on Workers.
 */
function services(env: WorkerEnv): Promise<Isolate> {
  isolate ??= (async () => {
    const config = configOf(env);
    const metrics = createAppMetrics();
    const logger = createLogger(config.LOG_LEVEL, undefined, {
      onError: (component) => metrics.errors.inc({ component }),
    });
    const applied = await runMigrations(database.db);
    logger.info({ db: "postgres", applied, runtime: "worker" }, "database ready");
    const built = await composeServices(config, {
      logger,
      gazetteerData: gazetteerJson as unknown as GazetteerData,
      metrics,
      db: database.db,
      catalogueRefreshMs: 0,
    });
    return { services: built, logger, catalogueCheckedAt: Date.now() };
  })().catch((err: unknown) => {
    isolate = undefined;
    throw err;
  });
  return isolate;
}

/** Sends what is due in the outbox (Slack posts, Telegram replies, notices); the rest waits for the cron. */
async function drainOutbox(s: Services): Promise<void> {
  await s.outbox.drainDue();
}

/** Work after the response: replies still being sent, the outbox, a catalogue check now and then. */
async function afterResponse(it: Isolate, deferred: Promise<unknown>[], request: Request): Promise<void> {
  // Deferred work may defer more (a Slack action waking the dispatcher); wait until none is left.
  while (deferred.length > 0) await Promise.allSettled(deferred.splice(0));
  if (request.method === "POST") await drainOutbox(it.services);
  if (Date.now() - it.catalogueCheckedAt > CATALOGUE_REFRESH_MS) {
    it.catalogueCheckedAt = Date.now();
    await it.services.catalogue.refresh();
  }
}

export default {
  /** One HTTP request: the same Hono app as on Node, with the request's own database connection. */
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    try {
      configOf(env);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<Response>((resolve, reject) => {
      const work = database.run(async () => {
        let it: Isolate;
        try {
          it = await services(env);
        } catch (err) {
          reject(err);
          return;
        }
        const deferred: Promise<unknown>[] = [];
        const appCtx = {
          waitUntil: (p: Promise<unknown>) => void deferred.push(p),
          passThroughOnException: () => ctx.passThroughOnException(),
          props: ctx.props,
        };
        try {
          resolve(await it.services.app.fetch(request, env, appCtx));
        } catch (err) {
          reject(err);
          return;
        }
        await afterResponse(it, deferred, request).catch((err: unknown) =>
          logError(it.logger, err, "worker: deferred work failed"),
        );
      });
      ctx.waitUntil(work.catch((err: unknown) => reject(err)));
    });
  },

  /**
   * The cron trigger: follows up unanswered handoffs, drains the outbox (retries, rows other
   * requests left) and tidies up hourly.
   */
  async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    configOf(env);
    const work = database.run(async () => {
      const it = await services(env);
      const now = new Date(event.scheduledTime);
      // Reminders and expiries queue outbox rows, so they go first and leave with this drain.
      if (now.getUTCMinutes() % FOLLOW_UP_EVERY_MINUTES === 0) await it.services.slack?.followUps.runOnce();
      await drainOutbox(it.services);
      if (now.getUTCMinutes() === 0) {
        const counts = await runHousekeeping(database.db, configOf(env), now);
        it.logger.info(counts, "housekeeping: expired rows removed");
      }
    });
    ctx.waitUntil(work);
    await work;
  },
};
