/** Messages between the main thread and the PGlite worker (see pglite-thread.ts). */

/** What the worker is started with. */
export interface PgliteWorkerData {
  dataDir: string | undefined;
  seedFile: string | undefined;
}

export type WorkerRequest =
  | { id: number; op: "query"; text: string; params?: unknown[]; tx?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "close" };

/** A database error as data: the message and the fields callers test (SQLSTATE code, constraint). */
export interface WorkerError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
}

/** A successful answer: rows of a query, or the id of a transaction just begun. */
export interface WorkerSuccess {
  id: number;
  ok: true;
  rows?: unknown[];
  tx?: number;
}

export type WorkerResponse =
  | WorkerSuccess
  | { id: number; ok: false; error: WorkerError }
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
