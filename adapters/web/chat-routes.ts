import { type Context, Hono } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { InboundEvent, Peer } from "../../bot/types.js";
import type { TurnResult } from "../conversation/handle-turn.js";
import type { Logger } from "../logger.js";
import { ChatRequestSchema, firstAcceptLanguage } from "./chat-request.js";
import { CHAT_CSS } from "./page/chat-css.js";
import { CHAT_PAGE_CSP, chatPageHtml } from "./page/chat-page-html.js";
import { CHAT_CLIENT_JS } from "./page/generated/client-assets.js";
import { allWebUiStrings, initialPageLanguage } from "./page/ui-strings.js";
import { isSameOrigin } from "./same-origin.js";
import { newVisitorId, readVisitorId, writeVisitorId } from "./visitor-cookie.js";
import type { WebChatMemory } from "./web-chat-memory.js";

/** What one conversation turn yields (`handleTurn` in adapters/conversation/handle-turn.ts). */
export type TurnOutcome = TurnResult;

export interface ChatRouteDeps {
  turn: (peer: Peer, event: InboundEvent, opts?: { updateKey?: string }) => Promise<TurnOutcome>;
  logger: Logger;
  /** Mark the visitor cookie Secure (true behind HTTPS). */
  secureCookies: boolean;
  /** Turns per visitor and window; defaults to 30 per minute. */
  rateLimit?: { limit: number; windowMs: number };
  /** Messages for the visitor after an id (coordinators' news about their requests); see GET /api/chat/inbox. */
  inbox?: (visitorId: string, afterId: number) => Promise<{ id: number; text: string }[]>;
  /** The visitor's transcript, so a reload or a return restores the conversation (GET /api/chat/history). */
  memory?: WebChatMemory;
}

type ChatEnv = { Variables: { sid: string } };

/** A JSON error in the app's `{ error: { field, message } }` shape. */
function jsonError(c: Context, status: 400 | 403 | 415 | 429, field: string | undefined, message: string) {
  return c.json({ error: { field, message } }, status);
}

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

  app.get("/", (c) => {
    const tags = (c.req.header("accept-language") ?? "").split(",").map((p) => p.split(";")[0]?.trim() ?? "");
    const { language, dir } = initialPageLanguage(tags);
    const current = strings[language] ?? Object.values(strings)[0];
    if (!current) throw new Error("no web UI strings loaded");
    pageHeaders(c);
    c.header("Content-Security-Policy", CHAT_PAGE_CSP);
    c.header("X-Frame-Options", "DENY");
    c.header("Cache-Control", "no-cache");
    c.header("Vary", "Accept-Language");
    return c.html(chatPageHtml({ language, dir, strings, current }));
  });

  app.get("/chat.js", (c) => {
    pageHeaders(c);
    c.header("Cache-Control", "no-cache");
    return c.body(CHAT_CLIENT_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" });
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
    if (!ok) return jsonError(c, 403, "origin", "cross-origin requests are not allowed");
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      return jsonError(c, 415, "content-type", "send the body as application/json");
    }
    let sid = readVisitorId(c);
    if (!sid) sid = newVisitorId();
    c.set("sid", sid);
    writeVisitorId(c, sid, deps.secureCookies);
    await next();
  });

  app.use(
    "/api/chat",
    rateLimiter<ChatEnv>({
      windowMs,
      limit,
      standardHeaders: "draft-6",
      keyGenerator: (c) => c.get("sid"),
      handler: (c) => {
        deps.logger.warn({ route: "/api/chat" }, "web chat rate limit reached");
        return jsonError(c, 429, undefined, "too many messages; please wait a minute");
      },
    }),
  );

  app.post("/api/chat", async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return jsonError(c, 400, "body", "the body is not valid JSON");
    }
    const parsed = ChatRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join(".") : "body";
      return jsonError(c, 400, field, issue?.message ?? "invalid request");
    }
    const body = parsed.data;
    const platformLanguage = body.language ?? firstAcceptLanguage(c.req.header("accept-language"));
    const peer: Peer = {
      channel: "web",
      channelUserId: c.get("sid"),
      ...(platformLanguage ? { platformLanguage } : {}),
    };
    // Update keys are unique per channel; scoping by visitor keeps one visitor from blocking another's ids.
    const updateKey = body.clientMessageId ? `${peer.channelUserId}:${body.clientMessageId}` : undefined;
    const outcome = await deps.turn(peer, body.event as InboundEvent, updateKey ? { updateKey } : undefined);
    c.header("Cache-Control", "no-store");
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
    await deps.memory?.recordTurn(peer.channelUserId, body.event as InboundEvent, outcome);
    return c.json({ replies: outcome.replies, language: outcome.language, dir: outcome.dir });
  });

  // The web chat has no push: the page polls here for news about the visitor's requests.
  app.get("/api/chat/inbox", async (c) => {
    const ok = isSameOrigin({
      origin: c.req.header("origin"),
      host: c.req.header("host") ?? new URL(c.req.url).host,
      forwardedHost: c.req.header("x-forwarded-host"),
      fetchSite: c.req.header("sec-fetch-site"),
    });
    if (!ok) return jsonError(c, 403, "origin", "cross-origin requests are not allowed");
    const after = Number(c.req.query("after") ?? "0");
    if (!Number.isSafeInteger(after) || after < 0) return jsonError(c, 400, "after", "expected a message id");
    const sid = readVisitorId(c);
    c.header("Cache-Control", "no-store");
    if (!sid || !deps.inbox) return c.json({ messages: [] });
    return c.json({ messages: await deps.inbox(sid, after) });
  });

  // The conversation so far (empty for a new visitor or once the session expired).
  app.get("/api/chat/history", async (c) => {
    if (!sameOrigin(c)) return jsonError(c, 403, "origin", "cross-origin requests are not allowed");
    const sid = readVisitorId(c);
    c.header("Cache-Control", "no-store");
    if (!sid || !deps.memory) return c.json({ items: [], inboxAfter: 0 });
    return c.json(await deps.memory.history(sid));
  });

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
