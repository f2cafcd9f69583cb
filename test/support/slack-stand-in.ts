import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the stand-in received it. */
export interface SlackCall {
  method: string;
  /** Form fields, with JSON-looking values (blocks, metadata, view) parsed. */
  body: Record<string, unknown>;
  status: number;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

/** A message the stand-in holds in a channel. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** Random faults on chat.postMessage, as a real Slack under load shows them (see `chaos`). */
export interface Chaos {
  /** Share of posts that fail (0…1). */
  rate: number;
  random: () => number;
  /** How long a "hang" takes before the connection is dropped (the client times out first). */
  hangMs: number;
}

interface Failure {
  status: 429 | 500;
  method?: string;
  /** 500 after the call took effect (the message exists, but the caller sees an error). */
  afterEffect?: boolean;
}

/** Users the stand-in knows (users.info). */
const USERS: Record<string, { real_name: string; first_name: string }> = {
  U0COORD1: { real_name: "Aylin Demir", first_name: "Aylin" },
  U0COORD2: { real_name: "Jonas Weber", first_name: "Jonas" },
};

/** Channels each user is a member of (users.conversations, conversations.members). */
const USER_CHANNELS: Record<string, string[]> = {
  U0COORD1: ["C0SAMPLE02", "C0DEFAULT"],
  U0COORD2: ["C0STATENW"],
};

export const STAND_IN_BOT_USER = "U0BOT0001";

/**
 * A local HTTP server on 127.0.0.1 playing the Slack Web API under /api/<method>, so the real
 * @slack/web-api client (inside Bolt) makes real HTTP calls. Records every call, keeps posted
 * messages per channel (with metadata, for conversations.history), and can fail the next calls
 * with 500 or 429 + Retry-After.
 */
export class SlackStandIn {
  readonly calls: SlackCall[] = [];
  readonly messages: StoredMessage[] = [];
  /** Members a test adds to a channel, besides the fixed ones (conversations.members). */
  readonly extraMembers = new Map<string, string[]>();
  private readonly failures: Failure[] = [];
  /** Extra time every chat.postMessage takes (a slow Slack). */
  postDelayMs = 0;
  /** chat.postMessage answers 429 until this time (ms since the epoch). */
  rateLimitedUntil = 0;
  /** Channels that refuse posts with this Slack error (channel_not_found, is_archived …). */
  readonly refusing = new Map<string, string>();
  /** Calls that hang once: the next call of the method waits this long before answering. */
  private readonly hangs: { method: string; ms: number }[] = [];
  chaos: Chaos | undefined;
  private readonly clock = Math.floor(Date.now() / 1000);
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly apiUrl: string,
    readonly token: string,
  ) {}

  static async start(token = "xoxb-test-stand-in-token"): Promise<SlackStandIn> {
    let standIn: SlackStandIn | undefined;
    const server = createServer((req, res) => {
      void standIn?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new SlackStandIn(server, `http://127.0.0.1:${port}/api/`, token);
    return standIn;
  }

  /** Fails the next `count` calls (of `method`, or any) with 500 or 429 (Retry-After: 1). */
  failNext(count: number, status: 429 | 500, method?: string, opts: { afterEffect?: boolean } = {}): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, ...(method ? { method } : {}), ...opts });
  }

  /** The next call of `method` waits `ms` before it is answered (a hanging connection). */
  hangNext(method: string, ms: number): void {
    this.hangs.push({ method, ms });
  }

  /** Adds `count` messages from people (no metadata) to a channel, as a busy channel gets them. */
  addNoise(channel: string, count: number): void {
    for (let i = 0; i < count; i++) this.messages.push({ channel, ts: this.nextTs(), text: `noise ${i}` });
  }

  /** Successful calls of one method. */
  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Replies posted in the thread of one message. */
  threadOf(channel: string, ts: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === ts);
  }

  /** Top-level messages (not thread replies) posted to a channel. */
  messagesIn(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.thread_ts);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error("slack stand-in: condition not met in time");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    this.seq += 1;
    return `${this.clock + this.seq}.${String(this.seq).padStart(6, "0")}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const body: Record<string, unknown> = {};
    if ((req.headers["content-type"] ?? "").includes("json")) {
      Object.assign(body, raw ? JSON.parse(raw) : {});
    } else {
      for (const [k, v] of new URLSearchParams(raw)) body[k] = /^[[{]/.test(v) ? safeJson(v) : v;
    }
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, body, status, at: Date.now() });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return send(200, { ok: false, error: "invalid_auth" });

    const hangIdx = this.hangs.findIndex((h) => h.method === method);
    if (hangIdx >= 0) {
      const [hang] = this.hangs.splice(hangIdx, 1);
      await new Promise((r) => setTimeout(r, hang?.ms ?? 0));
    }
    if (method === "chat.postMessage") {
      if (this.postDelayMs > 0) await new Promise((r) => setTimeout(r, this.postDelayMs));
      if (Date.now() < this.rateLimitedUntil)
        return send(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
      const refusal = this.refusing.get(String(body.channel));
      if (refusal) return send(200, { ok: false, error: refusal });
      const chaos = this.chaos;
      if (chaos && chaos.random() < chaos.rate) {
        const kind = chaos.random();
        if (kind < 0.3) return send(500, { ok: false, error: "internal_error" });
        if (kind < 0.55) {
          this.answer(method, body);
          return send(503, { ok: false, error: "service_unavailable" });
        }
        if (kind < 0.85) return send(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
        await new Promise((r) => setTimeout(r, chaos.hangMs));
        this.calls.push({ method, body, status: 0, at: Date.now() });
        res.destroy();
        return;
      }
    }
    const failIdx = this.failures.findIndex((f) => !f.method || f.method === method);
    const failure = failIdx >= 0 ? this.failures.splice(failIdx, 1)[0] : undefined;
    if (failure?.status === 429)
      return send(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
    if (failure && !failure.afterEffect) return send(500, { ok: false, error: "internal_error" });

    const result = this.answer(method, body);
    if (failure) return send(500, { ok: false, error: "internal_error" });
    send(200, result);
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          user_id: STAND_IN_BOT_USER,
          bot_id: "B0BOT0001",
          team_id: "T0TEAM001",
          team: "Test",
        };
      case "chat.postMessage": {
        const channel = String(body.channel);
        const ts = this.nextTs();
        const message: StoredMessage = { channel, ts };
        if (typeof body.text === "string") message.text = body.text;
        if (Array.isArray(body.blocks)) message.blocks = body.blocks;
        if (typeof body.thread_ts === "string") message.thread_ts = body.thread_ts;
        if (body.metadata && typeof body.metadata === "object")
          message.metadata = body.metadata as StoredMessage["metadata"] & {};
        this.messages.push(message);
        return { ok: true, channel, ts, message };
      }
      case "chat.update": {
        const m = this.messages.find((x) => x.channel === body.channel && x.ts === body.ts);
        if (!m) return { ok: false, error: "message_not_found" };
        if (typeof body.text === "string") m.text = body.text;
        if (Array.isArray(body.blocks)) m.blocks = body.blocks;
        return { ok: true, channel: m.channel, ts: m.ts };
      }
      case "chat.delete": {
        const i = this.messages.findIndex((x) => x.channel === body.channel && x.ts === body.ts);
        if (i < 0) return { ok: false, error: "message_not_found" };
        this.messages.splice(i, 1);
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "conversations.history": {
        const oldest = Number(body.oldest ?? 0);
        const withMeta = body.include_all_metadata === "true" || body.include_all_metadata === true;
        const all = this.messages
          .filter((m) => m.channel === body.channel && !m.thread_ts && Number(m.ts) >= oldest)
          .reverse()
          .map((m) => ({
            type: "message",
            ts: m.ts,
            text: m.text,
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          }));
        // Newest first, at most `limit` (Slack: ≤ 999) per page, with a cursor to the next page.
        const limit = Math.min(999, Number(body.limit ?? 100) || 100);
        const start = Number(body.cursor ?? 0) || 0;
        const messages = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return {
          ok: true,
          messages,
          has_more: more,
          response_metadata: { next_cursor: more ? String(start + limit) : "" },
        };
      }
      case "conversations.replies": {
        const oldest = Number(body.oldest ?? 0);
        const withMeta = body.include_all_metadata === "true" || body.include_all_metadata === true;
        const messages = this.messages
          .filter(
            (m) =>
              m.channel === body.channel &&
              (m.ts === body.ts || m.thread_ts === body.ts) &&
              Number(m.ts) >= oldest,
          )
          .map((m) => ({
            type: "message",
            ts: m.ts,
            text: m.text,
            ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case "conversations.members": {
        // Two members a page, so the client's paging is exercised.
        const members = Object.entries(USER_CHANNELS)
          .filter(([, channels]) => channels.includes(String(body.channel)))
          .map(([user]) => user)
          .concat(this.extraMembers.get(String(body.channel)) ?? []);
        const from = Number(body.cursor || 0);
        const next = from + 2 < members.length ? String(from + 2) : "";
        return { ok: true, members: members.slice(from, from + 2), response_metadata: { next_cursor: next } };
      }
      case "users.conversations": {
        const channels = (USER_CHANNELS[String(body.user)] ?? []).map((id) => ({ id, is_member: true }));
        return { ok: true, channels, response_metadata: { next_cursor: "" } };
      }
      case "chat.getPermalink":
        return {
          ok: true,
          channel: body.channel,
          permalink: `https://patenschaft-test.slack.invalid/archives/${String(body.channel)}/p${String(body.message_ts).replace(".", "")}`,
        };
      case "users.info": {
        const u = USERS[String(body.user)];
        if (!u) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: { id: body.user, name: u.first_name.toLowerCase(), real_name: u.real_name, profile: u },
        };
      }
      case "views.open":
      case "views.update":
      case "views.push":
        return { ok: true, view: { id: `V${this.nextTs()}`, ...(body.view as object) } };
      default:
        return { ok: true };
    }
  }
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
