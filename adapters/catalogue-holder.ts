import { readNeeds } from "../bot/understanding-tables.js";
import { createCatalogue } from "../core/catalogue.js";
import type { Catalogue } from "../core/ranking-types.js";
import type { Queryable } from "./db/database.js";
import { listProjects } from "./db/project-store.js";
import type { Logger } from "./logger.js";

/**
 * Keeps the in-memory catalogue (with its spatial index) in step with the projects table, so an
 * import or another instance's change is picked up without a restart.
 */
export interface CatalogueHolder {
  get(): Catalogue;
  /** Reloads when the table's fingerprint (row count, newest update) changed; returns whether it did. */
  refresh(): Promise<boolean>;
  stop(): void;
}

async function fingerprint(db: Queryable): Promise<string> {
  const rows = await db.query<{ n: number | string; m: unknown }>(
    "SELECT count(*) AS n, max(updated_at) AS m FROM projects",
  );
  const row = rows[0];
  return `${row?.n ?? 0}|${String(row?.m ?? "")}`;
}

export async function createCatalogueHolder(
  db: Queryable,
  logger: Logger,
  opts: { refreshMs?: number } = {},
): Promise<CatalogueHolder> {
  let current = createCatalogue(await listProjects(db), readNeeds);
  let seen = await fingerprint(db);
  logger.info({ projects: current.size }, "catalogue loaded");

  const refresh = async () => {
    const now = await fingerprint(db);
    if (now === seen) return false;
    current = createCatalogue(await listProjects(db), readNeeds);
    seen = now;
    logger.info({ projects: current.size }, "catalogue reloaded");
    return true;
  };

  const timer =
    opts.refreshMs && opts.refreshMs > 0
      ? setInterval(() => {
          refresh().catch((err: Error) => logger.warn({ err: err.message }, "catalogue refresh failed"));
        }, opts.refreshMs)
      : undefined;
  timer?.unref?.();

  return { get: () => current, refresh, stop: () => timer && clearInterval(timer) };
}
