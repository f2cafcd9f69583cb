import { type Config, loadConfig } from "../config.js";

/** The Worker's bindings: string vars and secrets (see wrangler.toml) plus the Hyperdrive binding. */
export interface WorkerEnv {
  /** PostgreSQL through Hyperdrive's pool; preferred over a DATABASE_URL secret. */
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

/**
 * The app's config from the Worker's bindings: the same zod schema as on Node, with DATABASE_URL
 * taken from Hyperdrive when bound. A Worker has no embedded database, so one of them is required.
 */
export function workerConfig(env: WorkerEnv): Config {
  const strings: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") strings[name] = value;
  const hyperdrive = env.HYPERDRIVE?.connectionString;
  if (hyperdrive) strings.DATABASE_URL = hyperdrive;
  const config = loadConfig(strings);
  if (!config.DATABASE_URL) {
    throw new Error("the Worker needs PostgreSQL: bind HYPERDRIVE or set the DATABASE_URL secret");
  }
  return config;
}
