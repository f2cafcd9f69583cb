import { createCatalogue } from "../core/catalogue.js";
import type { Catalogue } from "../core/ranking-types.js";
import type { Queryable } from "./db/database.js";
import { projectsFingerprint as fingerprint, listProjects } from "./db/project-store.js";
import { errorFields } from "./errors.js";
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

export async function createCatalogueHolder(
  db: Queryable,
  logger: Logger,
  opts: { refreshMs?: number } = {},
): Promise<CatalogueHolder> {
  let current = createCatalogue(await listProjects(db));
  let seen = await fingerprint(db);
  logger.info({ projects: current.size }, "catalogue loaded");

  const refresh = async () => {
    const now = await fingerprint(db);
    if (now === seen) return false;
    current = createCatalogue(await listProjects(db));
    seen = now;
    logger.info({ projects: current.size }, "catalogue reloaded");
    return true;
  };

  const timer =
    opts.refreshMs && opts.refreshMs > 0
      ? setInterval(() => {
          refresh().catch((err: unknown) =>
            logger.warn({ err: errorFields(err) }, "catalogue refresh failed"),
          );
        }, opts.refreshMs)
      : undefined;
  timer?.unref?.();

  return { get: () => current, refresh, stop: () => timer && clearInterval(timer) };
}
