import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { clientAddress } from "./client-address.js";
import { VISITOR_COOKIE, writeVisitorId } from "./visitor-cookie.js";
import { newVisitorId, type VisitorSigner } from "./visitor-signature.js";

/** Who a web chat request is from: a server-issued, signed visitor id in the cookie. */
export interface VisitorIdentity {
  /** The verified visitor id, or undefined (no cookie, or one the server did not sign). */
  read(c: Context): Promise<string | undefined>;
  /**
   * The verified visitor id, or a new one when the client's address may still start conversations;
   * the cookie is (re)set either way. Undefined when the address started too many.
   */
  identify(c: Context): Promise<{ id: string; isNew: boolean } | undefined>;
  /** The cookie value for an id (tests, tools). */
  cookieValue(id: string): Promise<string>;
}

export interface VisitorIdentityDeps {
  signer: VisitorSigner;
  /** Mark the cookie Secure (behind https). */
  secureCookies: boolean;
  /** Counts a new visitor from a client (a keyed hash of its address); false refuses it. Unset: no limit. */
  admit?: (clientKey: string) => Promise<boolean>;
  /** The header a trusted reverse proxy puts the client address in (TRUSTED_PROXY_HEADER). */
  trustedProxyHeader?: string | undefined;
}

export function createVisitorIdentity(deps: VisitorIdentityDeps): VisitorIdentity {
  const read = (c: Context) => deps.signer.verify(getCookie(c, VISITOR_COOKIE));
  return {
    read,
    async identify(c) {
      const known = await read(c);
      if (known) {
        writeVisitorId(c, await deps.signer.sign(known), deps.secureCookies);
        return { id: known, isNew: false };
      }
      if (deps.admit) {
        const key = await deps.signer.hash(clientAddress(c, deps.trustedProxyHeader));
        if (!(await deps.admit(key))) return undefined;
      }
      const id = newVisitorId();
      writeVisitorId(c, await deps.signer.sign(id), deps.secureCookies);
      return { id, isNew: true };
    },
    cookieValue: (id) => deps.signer.sign(id),
  };
}
