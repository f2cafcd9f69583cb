import { type Context, Hono } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import { translator } from "../../bot/i18n.js";
import { DEFAULT_LANGUAGE, directionOf, resolveLanguage } from "../../bot/locales.js";
import type { Choice, InboundEvent, Peer } from "../../bot/types.js";
import type { TurnOptions, TurnResult } from "../conversation/handle-turn.js";
import { isDatabaseUnavailable, withDatabaseDeadline } from "../db/database-unavailable.js";
import type { Logger } from "../logger.js";
import { ApiError } from "./api-error.js";
import { ChatRequestSchema, firstAcceptLanguage } from "./chat-request.js";
import { CHAT_CSS } from "./page/chat-css.js";
import { chatPageCsp, chatPageHtml, type MapConfig } from "./page/chat-page-html.js";
import { CHAT_CLIENT_JS, SERVICE_WORKER_JS } from "./page/generated/client-assets.js";
import { allWebUiStrings, initialPageLanguage } from "./page/ui-strings.js";
import { asksForStatus } from "./request-status.js";
import { isSameOrigin } from "./same-origin.js";
import type { VisitorStatus } from "./status-lookup.js";
import { createVisitorIdentity, type VisitorIdentity } from "./visitor-identity.js";
import { createVisitorSigner, newSecret } from "./visitor-signature.js";
import type { WebChatMemory } from "./web-chat-memory.js";
import { PushSubscriptionSchema, type WebPush } from "./web-push-sender.js";

/** What one conversation turn yields (`handleTurn` in adapters/conversation/handle-turn.ts). */
export type TurnOutcome = TurnResult;

export interface ChatRouteDeps {
  turn: (peer: Peer, event: InboundEvent, opts?: TurnOptions) => Promise<TurnOutcome>;
  logger: Logger;
  /** Mark the visitor cookie Secure (true behind HTTPS). */
  secureCookies: boolean;
  /** Turns per visitor and window; defaults to 30 per minute. */
  rateLimit?: { limit: number; windowMs: number };
  /** Messages for the visitor after an id (coordinators' news about their requests); see GET /api/chat/inbox. */
  inbox?: (visitorId: string, afterId: number) => Promise<{ id: number; text: string; choices?: Choice[] }[]>;
  /** Signed visitor ids and the per-address limit on new visitors; default: a per-process key, no limit. */
  visitors?: VisitorIdentity;
  /** The visitor's transcript, so a reload or a return restores the conversation (GET /api/chat/history). */
  memory?: WebChatMemory;
  /** The visitor's newest request as a status card (for "is there an answer yet?" and on return). */
  requestStatus?: (visitorId: string) => Promise<VisitorStatus | undefined>;
  /** No coordinator channel is configured: the page shows a visible demo notice. */
  demo?: boolean;
  /** Web Push, when VAPID keys are configured. */
  push?: WebPush;
  /** The small map of results, only when a tile server is configured (no third-party request otherwise). */
  map?: MapConfig;
}

type ChatEnv = { Variables: { sid: string } };

/** How long recognising a visitor (a database read, a write for a new one) may take before "try again". */
const VISITOR_DEADLINE_MS = 4000;

/** Security headers of the page and its assets. */
function pageHeaders(c: Context): void {
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  c.header("Cross-Origin-Opener-Policy", "same-origin");
}

/** The web chat: `GET /` (page), `/chat.js`, `/chat.css` and `POST /api/chat` (one turn). */
export function chatRoutes(deps: ChatRouteDeps): Hono<ChatEnv> {
  const app = new Hono<ChatEnv>();
  const strings = allWebUiStrings();
  const { limit, windowMs } = deps.rateLimit ?? { limit: 30, windowMs: 60_000 };
  const visitors =
    deps.visitors ??
    createVisitorIdentity({ signer: createVisitorSigner(newSecret()), secureCookies: deps.secureCookies });

  app.get("/", (c) => {
    const tags = (c.req.header("accept-language") ?? "").split(",").map((p) => p.split(";")[0]?.trim() ?? "");
    const { language, dir } = initialPageLanguage(tags);
    const current = strings[language] ?? Object.values(strings)[0];
    if (!current) throw new Error("no web UI strings loaded");
    pageHeaders(c);
    c.header("Content-Security-Policy", chatPageCsp(deps.map));
    c.header("X-Frame-Options", "DENY");
    c.header("Cache-Control", "no-cache");
    c.header("Vary", "Accept-Language");
    return c.html(
      chatPageHtml({
        language,
        dir,
        strings,
        current,
        demo: deps.demo ?? false,
        ...(deps.map ? { map: deps.map } : {}),
      }),
    );
  });

  app.get("/chat.js", (c) => {
    pageHeaders(c);
    c.header("Cache-Control", "no-cache");
    return c.body(CHAT_CLIENT_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  // The service worker that shows Web Push notices; served from the root so it may control the page.
  app.get("/sw.js", (c) => {
    pageHeaders(c);
    c.header("Cache-Control", "no-cache");
    c.header("Service-Worker-Allowed", "/");
    return c.body(SERVICE_WORKER_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  app.get("/chat.css", (c) => {
    pageHeaders(c);
    c.header("Cache-Control", "no-cache");
    return c.body(CHAT_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  // CSRF: only JSON (which a cross-site form cannot send without a CORS preflight we never grant),
  // and never from a page of another origin.
  app.use("/api/chat", async (c, next) => {
    const ok = isSameOrigin({
      origin: c.req.header("origin"),
      host: c.req.header("host") ?? new URL(c.req.url).host,
      forwardedHost: c.req.header("x-forwarded-host"),
      fetchSite: c.req.header("sec-fetch-site"),
    });
    if (!ok) throw new ApiError(403, "origin", "cross-origin requests are not allowed");
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      throw new ApiError(415, "content-type", "send the body as application/json");
    }
    let visitor: Awaited<ReturnType<VisitorIdentity["identify"]>>;
    try {
      visitor = await withDatabaseDeadline(() => visitors.identify(c), VISITOR_DEADLINE_MS);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      return databaseUnavailable(c, c.req.header("accept-language"));
    }
    if (!visitor) {
      deps.logger.warn({ route: "/api/chat" }, "web chat: new visitor limit reached for an address");
      throw new ApiError(
        429,
        undefined,
        "too many new conversations from your network; please wait a minute",
      );
    }
    c.set("sid", visitor.id);
    await next();
  });

  app.use(
    "/api/chat",
    rateLimiter<ChatEnv>({
      windowMs,
      limit,
      standardHeaders: "draft-6",
      keyGenerator: (c) => c.get("sid"),
      handler: () => {
        deps.logger.warn({ route: "/api/chat" }, "web chat rate limit reached");
        throw new ApiError(429, undefined, "too many messages; please wait a minute");
      },
    }),
  );

  app.post("/api/chat", async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new ApiError(400, "body", "the body is not valid JSON");
    }
    const parsed = ChatRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join(".") : "body";
      throw new ApiError(400, field, issue?.message ?? "invalid request");
    }
    const body = parsed.data;
    const platformLanguage = body.language ?? firstAcceptLanguage(c.req.header("accept-language"));
    const peer: Peer = {
      channel: "web",
      channelUserId: c.get("sid"),
      ...(platformLanguage ? { platformLanguage } : {}),
    };
    // Update keys are unique per channel; scoping by visitor keeps one visitor from blocking another's ids.
    // "Gibt es schon eine Antwort?" in any language, from a visitor with a request: the status card.
    if (body.event.type === "text" && deps.requestStatus && asksForStatus(body.event.text)) {
      const found = await deps.requestStatus(peer.channelUserId);
      if (found) {
        const reply = { type: "text" as const, text: [found.card.title, ...found.card.lines].join("\n") };
        const turn = { replies: [reply], language: found.language, dir: found.dir };
        await deps.memory?.recordTurn(peer.channelUserId, body.event, turn);
        c.header("Cache-Control", "no-store");
        return c.json({ ...turn, status: found.card });
      }
    }
    const updateKey = body.clientMessageId ? `${peer.channelUserId}:${body.clientMessageId}` : undefined;
    c.header("Cache-Control", "no-store");
    const event = body.event as InboundEvent;
    // The transcript commits with the turn when it needs nothing read first (typed text).
    let recorded = false;
    const memory = deps.memory;
    const opts: TurnOptions = {
      ...(updateKey ? { updateKey, keepResult: true } : {}),
      ...(memory?.turnStatements
        ? {
            recordWith: (answer) => {
              const statements = memory.turnStatements?.(peer.channelUserId, event, answer);
              recorded = statements !== undefined;
              return statements ?? [];
            },
          }
        : {}),
    };
    let outcome: TurnOutcome;
    try {
      outcome = await deps.turn(peer, event, Object.keys(opts).length > 0 ? opts : undefined);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      // The page retries with the same message id; if the turn did commit, the retry gets its replies.
      return databaseUnavailable(c, platformLanguage);
    }
    // A repeated message id (the answer was lost on the way) gets the original replies again.
    if (outcome.duplicate && outcome.replay) return c.json({ ...outcome.replay, replayed: true });
    if (outcome.duplicate) return c.json({ replies: [], duplicate: true });
    if (outcome.erased) {
      // The page clears itself too; what it still shows is only this turn's answer.
      await deps.memory?.erase(peer.channelUserId);
      return c.json({
        replies: outcome.replies,
        language: outcome.language,
        dir: outcome.dir,
        cleared: true,
      });
    }
    if (!recorded) await deps.memory?.recordTurn(peer.channelUserId, event, outcome);
    const offer = await pushOffer(peer.channelUserId);
    return c.json({ replies: outcome.replies, language: outcome.language, dir: outcome.dir, ...offer });
  });

  // The web chat has no push: the page polls here for news about the visitor's requests.
  app.get("/api/chat/inbox", async (c) => {
    const ok = isSameOrigin({
      origin: c.req.header("origin"),
      host: c.req.header("host") ?? new URL(c.req.url).host,
      forwardedHost: c.req.header("x-forwarded-host"),
      fetchSite: c.req.header("sec-fetch-site"),
    });
    if (!ok) throw new ApiError(403, "origin", "cross-origin requests are not allowed");
    const after = Number(c.req.query("after") ?? "0");
    if (!Number.isSafeInteger(after) || after < 0) throw new ApiError(400, "after", "expected a message id");
    const sid = await visitors.read(c);
    c.header("Cache-Control", "no-store");
    if (!sid || !deps.inbox) return c.json({ messages: [] });
    return c.json({ messages: await deps.inbox(sid, after) });
  });

  // The conversation so far (empty for a new visitor or once the session expired).
  app.get("/api/chat/history", async (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, "origin", "cross-origin requests are not allowed");
    const sid = await visitors.read(c);
    c.header("Cache-Control", "no-store");
    if (!sid || !deps.memory) return c.json({ items: [], inboxAfter: 0 });
    const history = await deps.memory.history(sid);
    const status = history.items.length > 0 ? await deps.requestStatus?.(sid) : undefined;
    const offer = history.items.length > 0 ? await pushOffer(sid) : {};
    return c.json({ ...history, ...(status ? { status: status.card } : {}), ...offer });
  });

  // A browser's push subscription; only accepted once the visitor asked for replies "here in the chat".
  app.post("/api/chat/push", async (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, "origin", "cross-origin requests are not allowed");
    const sid = await visitors.read(c);
    if (!deps.push || !sid) throw new ApiError(400, "subscription", "push is not available");
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new ApiError(400, "body", "the body is not valid JSON");
    }
    const parsed = PushSubscriptionSchema.safeParse((raw as { subscription?: unknown } | null)?.subscription);
    if (!parsed.success || !deps.push.endpointAllowed(parsed.data.endpoint)) {
      throw new ApiError(400, "subscription", "not a push subscription of a known push service");
    }
    const found = await deps.requestStatus?.(sid);
    if (found?.card.contactMethod !== "chat") {
      throw new ApiError(
        400,
        "subscription",
        "notifications are offered only for a request answered in the chat",
      );
    }
    await deps.push.subscribe(sid, parsed.data, found.language);
    c.header("Cache-Control", "no-store");
    return c.json({ ok: true });
  });

  /** 503 with the translated "briefly unavailable, please try again" while the database is away. */
  function databaseUnavailable(c: Context, platformLanguage: string | undefined): Response {
    const language = resolveLanguage(platformLanguage) ?? DEFAULT_LANGUAGE;
    const text = translator(language)("outbox.unavailable");
    deps.logger.warn({ route: "/api/chat" }, "web chat: database unavailable, answered 503");
    c.header("Retry-After", "5");
    return c.json(
      {
        error: { message: text, code: "database_unavailable" },
        replies: [{ type: "text", text }],
        language,
        dir: directionOf(language),
      },
      503,
    );
  }

  /** `{ offerPush: { key } }` while the visitor waits for a reply in the chat and gets no pushes yet. */
  async function pushOffer(visitorId: string): Promise<{ offerPush?: { key: string } }> {
    if (!deps.push || !deps.requestStatus) return {};
    const found = await deps.requestStatus(visitorId);
    if (found?.card.contactMethod !== "chat" || !["open", "taken"].includes(found.card.state)) return {};
    if (await deps.push.hasSubscription(visitorId)) return {};
    return { offerPush: { key: deps.push.publicKey } };
  }

  return app;
}

/** True unless the request comes from a page of another origin. */
function sameOrigin(c: Context): boolean {
  return isSameOrigin({
    origin: c.req.header("origin"),
    host: c.req.header("host") ?? new URL(c.req.url).host,
    forwardedHost: c.req.header("x-forwarded-host"),
    fetchSite: c.req.header("sec-fetch-site"),
  });
}
