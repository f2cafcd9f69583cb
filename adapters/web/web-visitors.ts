import type { Config } from "../config.js";
import { loadOrCreateSecret } from "../db/app-secrets.js";
import type { Queryable } from "../db/database.js";
import { admitNewVisitor } from "../db/new-visitor-store.js";
import { createVisitorIdentity, type VisitorIdentity } from "./visitor-identity.js";
import { createVisitorSigner, newSecret } from "./visitor-signature.js";

/**
 * The web chat's visitor identity as configured: ids signed with VISITOR_ID_SECRET (or a key
 * generated once and kept in the database, shared by every instance), and new visitors limited per
 * client address (NEW_VISITORS_PER_MINUTE / _PER_DAY, address from TRUSTED_PROXY_HEADER if set).
 */
export async function webVisitors(
  config: Pick<
    Config,
    | "VISITOR_ID_SECRET"
    | "PUBLIC_URL"
    | "TRUSTED_PROXY_HEADER"
    | "NEW_VISITORS_PER_MINUTE"
    | "NEW_VISITORS_PER_DAY"
  >,
  db: Queryable,
  now: () => Date,
): Promise<VisitorIdentity> {
  const secret = config.VISITOR_ID_SECRET ?? (await loadOrCreateSecret(db, "visitor_id", newSecret()));
  const limits = { perMinute: config.NEW_VISITORS_PER_MINUTE, perDay: config.NEW_VISITORS_PER_DAY };
  return createVisitorIdentity({
    signer: createVisitorSigner(secret),
    secureCookies: config.PUBLIC_URL?.startsWith("https:") ?? false,
    admit: (clientKey) => admitNewVisitor(db, clientKey, now(), limits),
    trustedProxyHeader: config.TRUSTED_PROXY_HEADER,
  });
}
