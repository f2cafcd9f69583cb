/** Messages between the main thread and the PGlite worker (see pglite-thread.ts). */

/** What the worker is started with. */
export interface PgliteWorkerData {
  dataDir: string | undefined;
  seedFile: string | undefined;
}

/** One statement of a batch. */
export interface WorkerStatement {
  text: string;
  params?: unknown[];
}

/**
 * `tx` runs a statement in an open transaction; `begin` opens one first and runs the statement in
 * it (the answer names it, even when the statement failed and it is left to roll back); neither
 * runs it on its own. A batch without either runs in a transaction of its own. A commit first runs
 * the statements given with it and rolls back instead if one fails.
 */
export type WorkerRequest =
  | { id: number; op: "query"; text: string; params?: unknown[]; tx?: number; begin?: true }
  | { id: number; op: "batch"; statements: WorkerStatement[]; tx?: number; begin?: true }
  | { id: number; op: "begin" }
  | { id: number; op: "commit"; tx: number; statements?: WorkerStatement[] }
  | { id: number; op: "rollback"; tx: number }
  | { id: number; op: "close" };

/** A database error as data: the message and the fields callers test (SQLSTATE code, constraint). */
export interface WorkerError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
}

/** A successful answer: rows of a query or of each statement of a batch; the id of a transaction begun. */
export interface WorkerSuccess {
  id: number;
  ok: true;
  rows?: unknown[];
  results?: unknown[][];
  tx?: number;
}

export type WorkerResponse =
  | WorkerSuccess
  | { id: number; ok: false; error: WorkerError; tx?: number }
  | { id: 0; ready: true }
  | { id: 0; ready: false; error: WorkerError };

export function toWorkerError(err: unknown): WorkerError {
  const e = err as { message?: unknown; code?: unknown; detail?: unknown; constraint?: unknown };
  const out: WorkerError = { message: typeof e?.message === "string" ? e.message : String(err) };
  if (typeof e?.code === "string") out.code = e.code;
  if (typeof e?.detail === "string") out.detail = e.detail;
  if (typeof e?.constraint === "string") out.constraint = e.constraint;
  return out;
}

export function fromWorkerError(e: WorkerError): Error {
  return Object.assign(new Error(e.message), e);
}
