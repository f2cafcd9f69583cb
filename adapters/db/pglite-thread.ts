import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Database, Queryable } from "./database.js";
import { asDatabaseError } from "./database-error.js";
import type { PgliteOpenOptions } from "./pglite-database.js";
import {
  fromWorkerError,
  type PgliteWorkerData,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerSuccess,
} from "./pglite-worker-protocol.js";

type Pending = { resolve: (r: WorkerSuccess) => void; reject: (e: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, "id"> : never) : never;

/**
 * Starts the worker script next to this module: the built `pglite-worker.mjs` beside the bundled
 * entry in dist/, or, under tsx/vitest, the TypeScript source with tsx registered in the worker
 * first (a worker does not inherit the loader of its parent).
 */
function startWorker(workerData: PgliteWorkerData): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData });
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  );
  const source = new URL("./pglite-worker.ts", import.meta.url);
  const boot = `(await import(${JSON.stringify(tsx.href)})).register(); await import(${JSON.stringify(source.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}

/** A worker on its way up: `ready` settles with its first message (PGlite open, or why not). */
interface Starting {
  key: string;
  worker: Worker;
  ready: Promise<void>;
}

const startKey = (dataDir: string | undefined, opts: PgliteOpenOptions) =>
  JSON.stringify([dataDir ?? null, opts.seedFile ?? null]);

function spawn(dataDir: string | undefined, opts: PgliteOpenOptions): Starting {
  const worker = startWorker({ dataDir, seedFile: opts.seedFile });
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: WorkerResponse) => {
      if (!("ready" in m)) return;
      worker.off("message", onMessage);
      if (m.ready) resolve();
      else reject(fromWorkerError(m.error));
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
  });
  return { key: startKey(dataDir, opts), worker, ready };
}

let prestarted: Starting | undefined;

/**
 * Starts the database worker before the rest of the app is loaded (the Node entry calls this
 * first thing): PGlite's WebAssembly start, about a second, then runs on the worker's thread while
 * this one evaluates the app's modules and builds its indexes. `openPgliteThread` with the same
 * `dataDir` and seed file takes this worker over; `discardPrestartedPglite` ends one not taken.
 */
export function prestartPgliteThread(dataDir: string | undefined, opts: PgliteOpenOptions = {}): void {
  if (prestarted) return;
  prestarted = spawn(dataDir, opts);
  // Its failure is reported by the open that takes it over, not as an unhandled rejection.
  prestarted.ready.catch(() => {});
}

/** Ends a worker started by `prestartPgliteThread` that no open took over (PostgreSQL was configured). */
export async function discardPrestartedPglite(): Promise<void> {
  const p = prestarted;
  prestarted = undefined;
  await p?.worker.terminate();
}

/**
 * Opens the embedded database in a worker thread behind the same port as `openPglite`: Postgres
 * as WebAssembly keeps a thread busy for every statement, and in the main thread that stalls
 * every open HTTP request (Slack gives up after 3 s). Rows cross the thread boundary by
 * structured clone, so dates, numbers and parsed JSON arrive as the in-thread version gives them.
 */
export async function openPgliteThread(
  dataDir: string | undefined,
  opts: PgliteOpenOptions = {},
): Promise<Database> {
  let starting = prestarted;
  prestarted = undefined;
  if (starting && starting.key !== startKey(dataDir, opts)) {
    await starting.worker.terminate();
    starting = undefined;
  }
  const { worker, ready } = starting ?? spawn(dataDir, opts);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;

  await ready.catch(async (err: Error) => {
    await worker.terminate();
    throw err;
  });

  worker.on("message", (m: WorkerResponse) => {
    if ("ready" in m) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(asDatabaseError("pglite", fromWorkerError(m.error)));
  });
  const failAll = (err: Error) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`database worker exited (${code})`)));

  const call = (req: Request): Promise<WorkerSuccess> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });
  };
  const query = async <T>(text: string, params?: unknown[], tx?: number): Promise<T[]> => {
    const r = await call({ op: "query", text, ...(params ? { params } : {}), ...(tx ? { tx } : {}) });
    return (r.rows ?? []) as T[];
  };

  return {
    kind: "pglite",
    query: (text, params) => query(text, params),
    transaction: async (fn) => {
      const tx = (await call({ op: "begin" })).tx as number;
      const scoped: Queryable = { query: (text, params) => query(text, params, tx) };
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(scoped);
      } catch (err) {
        await call({ op: "rollback", tx }).catch(() => {});
        throw err;
      }
      await call({ op: "commit", tx });
      return result;
    },
    close: async () => {
      if (!failure) await call({ op: "close" });
      await worker.terminate();
    },
  };
}
