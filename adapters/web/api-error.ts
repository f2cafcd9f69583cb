import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 422 | 429 | 500 | 503;

/** The one JSON error shape of every route: `{ "error": { "field", "message" } }` (plus `code` when known). */
export interface ApiErrorBody {
  error: { field?: string | undefined; message: string; code?: string };
}

/** Builds the error body; the only place the shape is written. */
export function apiErrorBody(field: string | undefined, message: string, code?: string): ApiErrorBody {
  return { error: { field, message, ...(code ? { code } : {}) } };
}

/**
 * An HTTP failure with the field it concerns. The app's onError renders it with the request's
 * headers; a route group used on its own (tests) still answers in the same shape through `res`.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ApiErrorStatus,
    readonly field: string | undefined,
    message: string,
    readonly code?: string,
  ) {
    super(status, { message, res: Response.json(apiErrorBody(field, message, code), { status }) });
  }
}

/** Answers with the error shape using the context's headers (cookies and rate-limit headers stay). */
export function apiErrorResponse(c: Context, err: ApiError): Response {
  return c.json(apiErrorBody(err.field, err.message, err.code), err.status);
}
