import type { Queryable } from "./database.js";

/**
 * A server secret by name: the stored one, or `generated` stored now. Every instance on one
 * database ends up with the same value (the first insert wins).
 */
export async function loadOrCreateSecret(q: Queryable, name: string, generated: string): Promise<string> {
  await q.query("INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [
    name,
    generated,
  ]);
  const rows = await q.query<{ value: string }>("SELECT value FROM app_secrets WHERE name = $1", [name]);
  const value = rows[0]?.value;
  if (!value) throw new Error(`secret ${name} could not be stored`);
  return value;
}
