import type { Context } from "hono";
import { setCookie } from "hono/cookie";

/** Name of the anonymous web visitor cookie. */
export const VISITOR_COOKIE = "pf_sid";
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** (Re)sets the visitor cookie (the signed id); sent on every turn so the 30 days count from the last visit. */
export function writeVisitorId(c: Context, sid: string, secure: boolean): void {
  setCookie(c, VISITOR_COOKIE, sid, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure,
    maxAge: MAX_AGE_SECONDS,
  });
}
