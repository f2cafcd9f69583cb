/**
 * The PGlite worker thread: owns the embedded Postgres (WebAssembly) so its work does not block
 * the HTTP server's event loop. Each transaction stays open here until the main thread commits or
 * rolls it back; PGlite runs one at a time, as it does in the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { createPglite } from "./pglite-database.js";
import {
  type PgliteWorkerData,
  toWorkerError,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerStatement,
} from "./pglite-worker-protocol.js";

interface OpenTx {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<void>;
}

/** Thrown inside PGlite's transaction callback to make it roll back. */
class Rollback extends Error {}

const port = parentPort;
if (!port) throw new Error("pglite-worker.ts runs only as a worker thread");
const data = workerData as PgliteWorkerData;
const transactions = new Map<number, OpenTx>();
let nextTx = 1;

function send(message: WorkerResponse): void {
  port?.postMessage(message);
}

async function run(conn: Pick<PGlite, "query" | "exec"> | Transaction, text: string, params?: unknown[]) {
  if (params === undefined || params.length === 0)
    return ((await conn.exec(text)).at(-1)?.rows ?? []) as unknown[];
  return (await conn.query(text, params)).rows as unknown[];
}

async function runAll(conn: Pick<PGlite, "query" | "exec"> | Transaction, statements: WorkerStatement[]) {
  const results: unknown[][] = [];
  for (const st of statements) results.push(await run(conn, st.text, st.params));
  return results;
}

/** Ends an open transaction (commit or rollback) and waits until PGlite has finished it. */
async function finish(id: number, commit: boolean): Promise<void> {
  const open = transactions.get(id);
  if (!open) throw new Error("transaction is not open");
  open.finish(commit);
  await open.done;
}

/** Opens a transaction and resolves once it is live; it ends when `finish` is called. */
function begin(pg: PGlite): Promise<number> {
  return new Promise((resolveBegin, rejectBegin) => {
    const id = nextTx++;
    let started = false;
    const done = pg
      .transaction(
        (tx) =>
          new Promise<void>((resolve, reject) => {
            started = true;
            transactions.set(id, {
              tx,
              finish: (commit) => (commit ? resolve() : reject(new Rollback())),
              done,
            });
            resolveBegin(id);
          }),
      )
      .catch((err: unknown) => {
        if (!started) return rejectBegin(err);
        if (!(err instanceof Rollback)) throw err;
      })
      .finally(() => transactions.delete(id));
  });
}

async function handle(pg: PGlite, req: WorkerRequest): Promise<WorkerResponse> {
  switch (req.op) {
    case "query":
    case "batch": {
      if (req.op === "batch" && req.tx === undefined && !req.begin)
        return { id: req.id, ok: true, results: await pg.transaction((tx) => runAll(tx, req.statements)) };
      const tx = req.begin ? await begin(pg) : req.tx;
      const conn = tx === undefined ? pg : transactions.get(tx)?.tx;
      if (!conn) throw new Error("transaction is not open");
      const opened = req.begin ? { tx } : {};
      try {
        return req.op === "query"
          ? { id: req.id, ok: true, rows: await run(conn, req.text, req.params), ...opened }
          : { id: req.id, ok: true, results: await runAll(conn, req.statements), ...opened };
      } catch (err) {
        // The transaction stays open (aborted) for the main thread to roll back, as after `begin`.
        return { id: req.id, ok: false, error: toWorkerError(err), ...opened };
      }
    }
    case "begin":
      return { id: req.id, ok: true, tx: await begin(pg) };
    case "commit": {
      const open = transactions.get(req.tx);
      if (!open) throw new Error("transaction is not open");
      if (req.statements && req.statements.length > 0) {
        try {
          await runAll(open.tx, req.statements);
        } catch (err) {
          await finish(req.tx, false);
          throw err;
        }
      }
      await finish(req.tx, true);
      return { id: req.id, ok: true };
    }
    case "rollback":
      await finish(req.tx, false);
      return { id: req.id, ok: true };
    case "close":
      await pg.close();
      return { id: req.id, ok: true };
  }
}

createPglite(data.dataDir, { seedFile: data.seedFile }).then(
  (pg) => {
    port.on("message", (req: WorkerRequest) => {
      handle(pg, req).then(send, (err: unknown) =>
        send({ id: req.id, ok: false, error: toWorkerError(err) }),
      );
    });
    send({ id: 0, ready: true });
  },
  (err: unknown) => send({ id: 0, ready: false, error: toWorkerError(err) }),
);
