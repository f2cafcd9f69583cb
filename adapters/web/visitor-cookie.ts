import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

/** Name of the anonymous web visitor cookie. */
export const VISITOR_COOKIE = "pf_sid";
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const SID_PATTERN = /^[0-9a-f]{32}$/;

/** A fresh random 128-bit visitor id as 32 lowercase hex digits. */
export function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The visitor id from the cookie when well-formed, or undefined. */
export function readVisitorId(c: Context): string | undefined {
  const sid = getCookie(c, VISITOR_COOKIE);
  return sid !== undefined && SID_PATTERN.test(sid) ? sid : undefined;
}

/** (Re)sets the visitor cookie; sent on every turn so the 30 days count from the last visit. */
export function writeVisitorId(c: Context, sid: string, secure: boolean): void {
  setCookie(c, VISITOR_COOKIE, sid, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure,
    maxAge: MAX_AGE_SECONDS,
  });
}
