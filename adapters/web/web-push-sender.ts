import * as z from "zod";
import { translator } from "../../bot/i18n.js";
import { directionOf, resolveLanguage } from "../../bot/locales.js";
import type { Queryable } from "../db/database.js";
import { deletePushSubscription, getPushSubscription, savePushSubscription } from "../db/web-push-store.js";
import type { Logger } from "../logger.js";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+=*$/);

/** A subscription as the page posts it (`PushSubscription.toJSON()`). */
export const PushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(1000),
  keys: z.object({ p256dh: base64url.max(200), auth: base64url.max(100) }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionSchema>;

/** Hosts of the browsers' push services; a subscription pointing elsewhere is refused (no SSRF). */
const PUSH_SERVICE_HOSTS = [
  /(^|\.)fcm\.googleapis\.com$/,
  /(^|\.)push\.services\.mozilla\.com$/,
  /(^|\.)notify\.windows\.com$/,
  /(^|\.)push\.apple\.com$/,
];

/** True for an https endpoint of a known push service. */
export function isPushServiceEndpoint(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === "https:" && PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname));
}

export interface WebPushDeps {
  db: Queryable;
  vapid: { publicKey: string; privateKey: string; subject: string };
  fetch: typeof fetch;
  logger: Logger;
  now: () => Date;
  /** Which endpoints may be sent to; defaults to the known push services (tests allow a local stand-in). */
  endpointAllowed?: (endpoint: string) => boolean;
}

/** Web Push for the web chat: subscriptions and the one notice "a new reply is waiting". */
export interface WebPush {
  /** The VAPID public key the page subscribes with. */
  publicKey: string;
  endpointAllowed(endpoint: string): boolean;
  subscribe(visitorId: string, sub: PushSubscriptionInput, language: string): Promise<void>;
  hasSubscription(visitorId: string): Promise<boolean>;
  /**
   * Tells the visitor's browser that a coordinator replied: one encrypted push whose text (in the
   * visitor's language) names neither the project nor anybody, and quotes nothing. Returns whether
   * a push was accepted by the push service. Never throws.
   */
  notifyRequester(visitorId: string): Promise<boolean>;
}

/**
 * web-push (with its ASN.1 and JWT code, about 0.1–0.2 s of module evaluation) is loaded at the
 * first notice sent, not at start: most installs never configure VAPID, and the rest pay it once.
 */
type WebpushModule = typeof import("web-push");
let webpushModule: Promise<WebpushModule> | undefined;
const loadWebpush = async (): Promise<WebpushModule> => {
  // A CommonJS package: Node hands module.exports over as the default export.
  webpushModule ??= import("web-push");
  const m = await webpushModule;
  return (m as WebpushModule & { default?: WebpushModule }).default ?? m;
};

/** How long a push service keeps an undelivered notice (a day). */
const PUSH_TTL_SECONDS = 24 * 60 * 60;

export function createWebPush(deps: WebPushDeps): WebPush {
  const allowed = deps.endpointAllowed ?? isPushServiceEndpoint;
  return {
    publicKey: deps.vapid.publicKey,
    endpointAllowed: allowed,
    async subscribe(visitorId, sub, language) {
      await savePushSubscription(deps.db, visitorId, { ...sub, language }, deps.now());
    },
    async hasSubscription(visitorId) {
      return (await getPushSubscription(deps.db, visitorId)) !== undefined;
    },
    async notifyRequester(visitorId) {
      try {
        const sub = await getPushSubscription(deps.db, visitorId);
        if (!sub || !allowed(sub.endpoint)) return false;
        const language = resolveLanguage(sub.language) ?? "de";
        const t = translator(language);
        const payload = JSON.stringify({
          title: t("webchat.push.title"),
          body: t("webchat.push.body"),
          lang: language,
          dir: directionOf(language),
        });
        const webpush = await loadWebpush();
        const request = webpush.generateRequestDetails(sub, payload, {
          vapidDetails: deps.vapid,
          TTL: PUSH_TTL_SECONDS,
          contentEncoding: "aes128gcm",
        });
        // fetch sets Content-Length itself; every other header as a string.
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (name.toLowerCase() !== "content-length") headers[name] = String(value);
        }
        const res = await deps.fetch(request.endpoint, {
          method: request.method,
          headers,
          body: new Uint8Array(request.body),
        });
        const host = new URL(sub.endpoint).host;
        if (res.status === 404 || res.status === 410) {
          await deletePushSubscription(deps.db, visitorId);
          deps.logger.info({ pushHost: host, status: res.status }, "web push subscription gone; forgotten");
          return false;
        }
        if (!res.ok) {
          deps.logger.warn({ pushHost: host, status: res.status }, "web push refused");
          return false;
        }
        deps.logger.info({ pushHost: host }, "web push sent");
        return true;
      } catch (err) {
        deps.logger.warn(
          { err: { name: (err as Error).name, message: (err as Error).message } },
          "web push failed",
        );
        return false;
      }
    },
  };
}
