/**
 * Stands in (through wrangler.toml [alias]) for packages the Worker never calls: what @slack/bolt
 * imports for its own receivers (Express, raw-body, Socket Mode; ours is a Hono receiver) and
 * grammY's long-polling runner (the Worker only takes webhooks). Leaving them out keeps the bundle
 * under its 1 MiB gzipped budget.
 */
function unused(): never {
  throw new Error("this module is not available on the Worker");
}

export default unused;
export const SocketModeClient = unused;
export const Router = unused;
export const run = unused;
