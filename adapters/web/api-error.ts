import { HTTPException } from "hono/http-exception";

/** An HTTP failure with the field it concerns; rendered as `{ error: { field, message } }` by the app's onError. */
export class ApiError extends HTTPException {
  constructor(
    status: 400 | 401 | 403 | 404 | 413 | 422 | 429 | 503,
    readonly field: string | undefined,
    message: string,
    readonly code?: string,
  ) {
    super(status, { message });
  }
}
