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
    case "query": {
      const conn = req.tx === undefined ? pg : transactions.get(req.tx)?.tx;
      if (!conn) throw new Error("transaction is not open");
      return { id: req.id, ok: true, rows: await run(conn, req.text, req.params) };
    }
    case "begin":
      return { id: req.id, ok: true, tx: await begin(pg) };
    case "commit":
    case "rollback": {
      const open = transactions.get(req.tx);
      if (!open) throw new Error("transaction is not open");
      open.finish(req.op === "commit");
      await open.done;
      return { id: req.id, ok: true };
    }
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
