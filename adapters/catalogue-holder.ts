import { readNeeds } from "../bot/understanding-tables.js";
import { createCatalogue } from "../core/catalogue.js";
import type { Project } from "../core/project.js";
import type { Catalogue } from "../core/ranking-types.js";
import { readCatalogueChanges, readCatalogueStamp } from "./db/catalogue-changes.js";
import type { Database } from "./db/database.js";
import { errorFields } from "./errors.js";
import type { Logger } from "./logger.js";

/**
 * Keeps the in-memory catalogue (with its spatial index) in step with the projects table, so an
 * import or another instance's change is picked up without a restart.
 */
export interface CatalogueHolder {
  get(): Catalogue;
  /** Reloads when the catalogue's change stamp moved; returns whether it did. */
  refresh(): Promise<boolean>;
  stop(): void;
}

/**
 * Checks cost one single-row read (the change stamp, migration 009) however large the catalogue
 * is; after a change only the changed projects are read, merged into the held ones and the index
 * is rebuilt.
 */
export async function createCatalogueHolder(
  db: Database,
  logger: Logger,
  opts: { refreshMs?: number } = {},
): Promise<CatalogueHolder> {
  let stamp = await readCatalogueStamp(db);
  const first = await readCatalogueChanges(db, undefined);
  let seen = first.seen;
  const byId = new Map<string, Project>(first.upserts.map((p) => [p.id, p]));
  let current = createCatalogue(first.upserts, readNeeds);
  logger.info({ projects: current.size }, "catalogue loaded");
  let running: Promise<boolean> | undefined;

  const reload = async () => {
    const now = await readCatalogueStamp(db);
    if (now === stamp) return false;
    const changes = await readCatalogueChanges(db, seen);
    if (changes.full) byId.clear();
    for (const id of changes.deletedIds) byId.delete(id);
    for (const p of changes.upserts) byId.set(p.id, p);
    const projects = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    current = createCatalogue(projects, readNeeds);
    stamp = now;
    seen = changes.seen;
    logger.info(
      { projects: current.size, changed: changes.upserts.length, deleted: changes.deletedIds.length },
      "catalogue reloaded",
    );
    return true;
  };
  // One refresh at a time: a timer tick during a long reload waits for it instead of reading twice.
  const refresh = () => {
    running ??= reload().finally(() => {
      running = undefined;
    });
    return running;
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
