import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";

/** One Bot API call as the stand-in received it. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  /** HTTP status the stand-in answered with (429/500 when told to fail). */
  status: number;
}

/** A line of the conversation: what the test user did, or a successful bot call. */
export type LogEntry = { from: "user"; chatId?: number; text: string } | { from: "bot"; call: RecordedCall };

/** The bot the stand-in plays (what getMe answers). */
export const STAND_IN_BOT: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: "Patenschaft-Finder",
  username: "patenschaft_test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/**
 * A local HTTP server on 127.0.0.1 that plays the Telegram Bot API under /bot<token>/<method>, so the
 * real grammY client makes real HTTP calls. Records every call, serves queued updates to getUpdates,
 * and can be told to fail the next calls with 429 (retry_after) or 500.
 */
export class TelegramStandIn {
  readonly calls: RecordedCall[] = [];
  readonly log: LogEntry[] = [];
  private readonly updates: Record<string, unknown>[] = [];
  private readonly failures: { status: 400 | 403 | 429 | 500; method?: string }[] = [];
  private readonly waiters = new Set<() => void>();
  private nextMessageId = 1;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly apiRoot: string,
  ) {}

  /** Starts a stand-in on a random port. */
  static async start(token = "123456:TEST-stand-in-token-abcdefghij"): Promise<TelegramStandIn> {
    let standIn: TelegramStandIn | undefined;
    const server = createServer((req, res) => {
      void standIn?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new TelegramStandIn(server, token, `http://127.0.0.1:${port}`);
    return standIn;
  }

  /** Fails the next `count` calls (of `method`, or of any method) with 429 {retry_after: 1} or 500. */
  failNext(count: number, status: 400 | 403 | 429 | 500, method?: string): void {
    for (let i = 0; i < count; i++) this.failures.push(method ? { status, method } : { status });
  }

  /** Queues an update for getUpdates (long polling). */
  enqueueUpdate(update: Record<string, unknown>): void {
    this.updates.push(update);
    for (const wake of this.waiters) wake();
  }

  /** Notes what the test user did, for the transcript. */
  noteUser(text: string, chatId?: number): void {
    this.log.push(chatId === undefined ? { from: "user", text } : { from: "user", chatId, text });
  }

  /** Successful calls of one method. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Successful calls that put something into a chat (messages, venues, locations). */
  sentMessages(): RecordedCall[] {
    return this.calls.filter((c) => c.status === 200 && /^send/.test(c.method));
  }

  /** Polls until `predicate` holds, failing after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error("stand-in: condition not met in time");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method = ""] = match;
    if (token !== this.token)
      return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });

    const failureAt = this.failures.findIndex((f) => !f.method || f.method === method);
    if (failureAt >= 0) {
      const [failure] = this.failures.splice(failureAt, 1);
      const status = failure?.status ?? 500;
      this.calls.push({ method, body, status });
      if (status === 400)
        return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: wrong latitude" });
      if (status === 403)
        return send(res, 403, {
          ok: false,
          error_code: 403,
          description: "Forbidden: bot was blocked by the user",
        });
      return status === 429
        ? send(res, 429, {
            ok: false,
            error_code: 429,
            description: "Too Many Requests: retry after 1",
            parameters: { retry_after: 1 },
          })
        : send(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
    }

    const call: RecordedCall = { method, body, status: 200 };
    this.calls.push(call);
    if (method.startsWith("send")) this.log.push({ from: "bot", call });
    const result = await this.answer(method, body, req);
    if (result === undefined) {
      return send(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
    send(res, 200, { ok: true, result });
  }

  private async answer(
    method: string,
    body: Record<string, unknown>,
    req: IncomingMessage,
  ): Promise<unknown> {
    const date = Math.floor(Date.now() / 1000);
    const message = () => ({
      message_id: this.nextMessageId++,
      date,
      chat: { id: Number(body.chat_id), type: "private", first_name: "Test" },
      from: STAND_IN_BOT,
    });
    switch (method) {
      case "getMe":
        return STAND_IN_BOT;
      case "sendMessage":
        return { ...message(), text: String(body.text ?? "") };
      case "sendVenue":
        return {
          ...message(),
          location: { latitude: body.latitude, longitude: body.longitude },
          venue: {
            location: { latitude: body.latitude, longitude: body.longitude },
            title: body.title,
            address: body.address,
          },
        };
      case "sendLocation":
        return { ...message(), location: { latitude: body.latitude, longitude: body.longitude } };
      case "answerCallbackQuery":
      case "setWebhook":
      case "setMyCommands":
      case "deleteWebhook":
      case "editMessageReplyMarkup":
        return true;
      case "getUpdates":
        return this.getUpdates(body, req);
      default:
        return undefined;
    }
  }

  /** Serves queued updates from `offset` on; waits up to 500 ms for one when none is queued. */
  private async getUpdates(body: Record<string, unknown>, req: IncomingMessage): Promise<unknown[]> {
    const offset = typeof body.offset === "number" ? body.offset : 0;
    while (this.updates.length > 0 && Number(this.updates[0]?.update_id) < offset) this.updates.shift();
    if (this.updates.length === 0 && Number(body.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 500);
        this.waiters.add(wake);
        req.once("close", wake);
      });
    }
    const limit = typeof body.limit === "number" ? body.limit : 100;
    return this.updates.filter((u) => Number(u.update_id) >= offset).slice(0, limit);
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes("application/x-www-form-urlencoded")) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      try {
        out[k] = JSON.parse(v);
      } catch {
        out[k] = v;
      }
    }
    return out;
  }
  return { raw };
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}
