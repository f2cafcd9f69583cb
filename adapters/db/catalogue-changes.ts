import type { Project } from "../../core/project.js";
import type { Database, Queryable } from "./database.js";

/** What changed in the projects table since a change number (see migration 009). */
export interface CatalogueChanges {
  /** The highest change number read; pass it to the next call. */
  seen: number;
  /** True after a TRUNCATE: `upserts` then holds every project. */
  full: boolean;
  upserts: Project[];
  deletedIds: string[];
}

/**
 * Deletion-log ids that mean "read everything again": a TRUNCATE, and the marker left where old
 * entries were pruned (a reader that had not yet seen them cannot know what they deleted).
 */
const FULL_RELOAD_IDS = new Set(["*", "#pruned"]);

/** How long deletions stay in the log; a running instance reads changes every minute. */
export const DELETION_LOG_DAYS = 7;

/**
 * Prunes the deletion log (it grows with every deleted project): entries older than `before` go,
 * and one marker keeps the highest change number pruned, so an instance that had not read that
 * far reloads the catalogue instead of keeping a deleted project. Returns the entries removed.
 */
export async function pruneCatalogueDeletions(q: Queryable, before: Date): Promise<number> {
  const rows = await q.query<{ n: number | string }>(
    `WITH gone AS (
       DELETE FROM project_deletions WHERE deleted_at < $1 RETURNING id, change_seq
     ), marker AS (
       INSERT INTO project_deletions (id, change_seq)
       SELECT '#pruned', max(change_seq) FROM gone HAVING count(*) FILTER (WHERE id <> '#pruned') > 0
       RETURNING 1
     )
     SELECT count(*) FILTER (WHERE id <> '#pruned') AS n FROM gone`,
    [before.toISOString()],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Rows per read: a page of projects (with descriptions in 24 languages) stays well under a megabyte. */
const PAGE_SIZE = 100;

/**
 * Reads projects (all, or those changed after `since`) page by page in id order, so the embedded
 * database never holds the whole catalogue as one result: its WebAssembly memory grows to the
 * largest result and never gives it back.
 */
async function readPaged(
  tx: Queryable,
  since: number | undefined,
): Promise<{ data: Project; change_seq: number }[]> {
  const out: { data: Project; change_seq: number }[] = [];
  let after = "";
  for (;;) {
    const page = await tx.query<{ id: string; data: Project; change_seq: number }>(
      `SELECT id, data, change_seq FROM projects
       WHERE id > $1${since === undefined ? "" : " AND change_seq > $3"} ORDER BY id LIMIT $2`,
      since === undefined ? [after, PAGE_SIZE] : [after, PAGE_SIZE, since],
    );
    for (const r of page) out.push({ data: r.data, change_seq: r.change_seq });
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return out;
    after = last.id;
  }
}

/** The one-row change stamp: O(1) to read, bumped by every statement that writes projects. */
export async function readCatalogueStamp(db: Queryable): Promise<number> {
  const rows = await db.query<{ stamp: number }>("SELECT stamp FROM catalogue_stamp", []);
  return Number(rows[0]?.stamp ?? 0);
}

/**
 * Reads the projects changed after `since` (all of them for `since` undefined or after a
 * TRUNCATE) in one repeatable-read snapshot, so the rows and the deletion log agree.
 */
export function readCatalogueChanges(db: Database, since: number | undefined): Promise<CatalogueChanges> {
  return db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    const deletions =
      since === undefined
        ? []
        : await tx.query<{ id: string; change_seq: number }>(
            "SELECT id, change_seq FROM project_deletions WHERE change_seq > $1",
            [since],
          );
    const full = since === undefined || deletions.some((d) => FULL_RELOAD_IDS.has(d.id));
    const rows = await readPaged(tx, full ? undefined : since);
    let seen = since ?? 0;
    for (const r of rows) seen = Math.max(seen, Number(r.change_seq));
    for (const d of deletions) seen = Math.max(seen, Number(d.change_seq));
    if (full) {
      const top = await tx.query<{ n: number | null }>(
        "SELECT greatest((SELECT max(change_seq) FROM project_deletions), $1::bigint) AS n",
        [seen],
      );
      seen = Number(top[0]?.n ?? seen);
    }
    return {
      seen,
      full,
      upserts: rows.map((r) => r.data),
      deletedIds: full ? [] : deletions.map((d) => d.id),
    };
  });
}
