import { createHmac } from "node:crypto";

/**
 * Web visitor ids are issued by the server and signed (HMAC-SHA-256 with node:crypto, which the
 * Worker has too with nodejs_compat; Web Crypto's sign cost several hundred microseconds of
 * main-thread time per call): the cookie carries `<id>.<signature>`, and an id the client made up
 * is not accepted.
 */
const ID_PATTERN = /^[0-9a-f]{32}$/;
const SIGNATURE_BYTES = 16;

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares two strings in time independent of where they differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Signs and verifies visitor ids, and derives keyed hashes (client addresses) with the same secret. */
export interface VisitorSigner {
  /** The cookie value for an id. */
  sign(id: string): Promise<string>;
  /** The id inside a cookie value when its signature is right; undefined otherwise. */
  verify(cookie: string | undefined): Promise<string | undefined>;
  /** A keyed hash (hex) of a value, so counters never hold the value itself. */
  hash(value: string): Promise<string>;
}

export function createVisitorSigner(secret: string): VisitorSigner {
  const mac = async (text: string) => new Uint8Array(createHmac("sha256", secret).update(text).digest());
  const signatureOf = async (id: string) => base64url((await mac(`visitor:${id}`)).slice(0, SIGNATURE_BYTES));
  return {
    async sign(id) {
      return `${id}.${await signatureOf(id)}`;
    },
    async verify(cookie) {
      if (!cookie || cookie.length > 100) return undefined;
      const dot = cookie.indexOf(".");
      const id = cookie.slice(0, dot);
      if (dot < 0 || !ID_PATTERN.test(id)) return undefined;
      return sameText(cookie.slice(dot + 1), await signatureOf(id)) ? id : undefined;
    },
    async hash(value) {
      return hex((await mac(`hash:${value}`)).slice(0, 16));
    },
  };
}

/** A fresh random 128-bit visitor id as 32 lowercase hex digits. */
export function newVisitorId(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

/** A random secret for signing (used when none is configured and none is stored yet). */
export function newSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
