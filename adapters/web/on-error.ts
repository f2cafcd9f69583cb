import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { ApiError, apiErrorBody, apiErrorResponse } from "./api-error.js";

/**
 * The app's one error handler: an ApiError becomes its status and `{ error: { field, message } }`;
 * any other HTTPException keeps its status with no field; anything else is logged once with its
 * origin (platform, network, database or our code) and answers 500 without details.
 */
export function onAppError(logger: Logger): ErrorHandler {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) return apiErrorResponse(c, err);
    if (err instanceof HTTPException) return c.json(apiErrorBody(undefined, err.message), err.status);
    logError(logger, err, "unhandled error", { requestId: c.get("requestId") });
    return c.json(apiErrorBody(undefined, "internal error"), 500);
  };
}

/** Unknown paths answer in the same shape. */
export const onNotFound: NotFoundHandler = (c) => c.json(apiErrorBody("path", "not found"), 404);
