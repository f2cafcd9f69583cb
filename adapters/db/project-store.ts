import type { Project } from "../../core/project.js";
import type { Queryable } from "./database.js";

/** Rows per INSERT; one jsonb parameter per batch keeps 750+ projects to a couple of statements. */
const BATCH_SIZE = 50;

/**
 * Inserts or replaces projects by id. Pass a transaction to make a whole import atomic.
 * Returns the number of projects written (duplicates in the input count once; the last wins).
 */
export async function upsertProjects(q: Queryable, projects: readonly Project[]): Promise<number> {
  const byId = new Map<string, Project>();
  for (const p of projects) byId.set(p.id, p);
  const unique = [...byId.values()];
  for (let i = 0; i < unique.length; i += BATCH_SIZE) {
    const batch = unique.slice(i, i + BATCH_SIZE);
    await q.query(
      `INSERT INTO projects (id, data, postcode, state, lat, lon, updated_at)
       SELECT p->>'id', p, p->>'postcode', p->>'state', (p->>'lat')::float8, (p->>'lon')::float8,
              (p->>'updatedAt')::timestamptz
       FROM jsonb_array_elements($1::jsonb) AS p
       ON CONFLICT (id) DO UPDATE SET
         data = EXCLUDED.data, postcode = EXCLUDED.postcode, state = EXCLUDED.state,
         lat = EXCLUDED.lat, lon = EXCLUDED.lon, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(batch)],
    );
  }
  return unique.length;
}

/** Every project, ordered by id. */
export async function listProjects(q: Queryable): Promise<Project[]> {
  const rows = await q.query<{ data: Project }>("SELECT data FROM projects ORDER BY id", []);
  return rows.map((r) => r.data);
}

export async function getProject(q: Queryable, id: string): Promise<Project | undefined> {
  const rows = await q.query<{ data: Project }>("SELECT data FROM projects WHERE id = $1", [id]);
  return rows[0]?.data;
}

export async function countProjects(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("SELECT count(*) AS n FROM projects", []);
  return rows[0]?.n ?? 0;
}
