import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Database, Statement, Transaction } from "./database.js";
import { asDatabaseError } from "./database-error.js";
import type { PgliteOpenOptions } from "./pglite-database.js";
import {
  fromWorkerError,
  type PgliteWorkerData,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerSuccess,
} from "./pglite-worker-protocol.js";

type Pending = {
  resolve: (r: WorkerSuccess) => void;
  reject: (e: Error) => void;
  /** Told the id of a transaction the request opened (`begin`), whether it then failed or not. */
  opened?: (tx: number) => void;
};
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
    if (m.tx !== undefined) p.opened?.(m.tx);
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

  const call = (req: Request, opened?: (tx: number) => void): Promise<WorkerSuccess> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, opened ? { resolve, reject, opened } : { resolve, reject });
      worker.postMessage({ ...req, id });
    });
  };
  const statement = (text: string, params?: unknown[]): Statement =>
    params && params.length > 0 ? { text, params } : { text };

  /**
   * A transaction costs no round trip of its own: the first statement opens it in the worker, and
   * the writes deferred to the end go with the commit.
   */
  async function transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    let id: number | undefined;
    let opening: Promise<unknown> | undefined;
    let deferred: Statement[] = [];
    const take = () => {
      const out = deferred;
      deferred = [];
      return out;
    };
    /** Sends a statement or batch in this transaction, opening it with the first one. */
    const send = async (req: Extract<Request, { op: "query" | "batch" }>): Promise<WorkerSuccess> => {
      if (id === undefined && opening === undefined) {
        const first = call({ ...req, begin: true }, (tx) => {
          id = tx;
        });
        opening = first.catch(() => undefined);
        return first;
      }
      if (id === undefined) await opening;
      if (id === undefined) throw asDatabaseError("pglite", new Error("the transaction did not begin"));
      return call({ ...req, tx: id });
    };
    const tx: Transaction = {
      query: async <R>(text: string, params?: unknown[]) => {
        if (deferred.length === 0)
          return ((await send({ op: "query", ...statement(text, params) })).rows ?? []) as R[];
        const r = await send({ op: "batch", statements: [...take(), statement(text, params)] });
        return (r.results?.at(-1) ?? []) as R[];
      },
      batch: async (statements) => {
        const before = take();
        const r = await send({ op: "batch", statements: [...before, ...statements] });
        return (r.results ?? []).slice(before.length) as Record<string, unknown>[][];
      },
      defer: (text, params) => void deferred.push(statement(text, params)),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await opening;
      if (id !== undefined) await call({ op: "rollback", tx: id }).catch(() => {});
      throw err;
    }
    await opening;
    if (id !== undefined) await call({ op: "commit", tx: id, statements: take() });
    else if (deferred.length > 0) await call({ op: "batch", statements: take() });
    return result;
  }

  return {
    kind: "pglite",
    query: async <T>(text: string, params?: unknown[]) =>
      ((await call({ op: "query", ...statement(text, params) })).rows ?? []) as T[],
    batch: async (statements) =>
      ((await call({ op: "batch", statements: [...statements] })).results ?? []) as Record<
        string,
        unknown
      >[][],
    transaction,
    close: async () => {
      if (!failure) await call({ op: "close" });
      await worker.terminate();
    },
  };
}
