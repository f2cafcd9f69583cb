import type { Hono } from "hono";

/** A web chat visitor talking to the real app through `app.request()`, keeping its cookie. */
export class WebVisitor {
  private cookie = "";

  constructor(private readonly app: Hono) {}

  /** The browser's language: sent as Accept-Language with every request, as a browser does. */
  private browserLanguage = "";

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.cookie ? { Cookie: this.cookie } : {}),
      ...(this.browserLanguage ? { "Accept-Language": this.browserLanguage } : {}),
      ...extra,
    };
  }

  private keep(res: Response): Response {
    const m = /pf_sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "");
    if (m) this.cookie = `pf_sid=${m[1]}`;
    return res;
  }

  /** The visitor id the server issued (the cookie is `<id>.<signature>`). */
  get visitorId(): string {
    return this.cookie.replace("pf_sid=", "").split(".")[0] ?? "";
  }

  /** The answer of the last turn. */
  last: Record<string, unknown> = {};

  /** Presses the button of the last answer whose id matches (a string is a prefix). */
  async choose(id: string | RegExp): Promise<Record<string, unknown>> {
    const replies = (this.last.replies ?? []) as { choices?: { id: string }[] }[];
    const ids = replies.flatMap((r) => r.choices ?? []).map((c) => c.id);
    const found = ids.find((x) => (typeof id === "string" ? x === id || x.startsWith(id) : id.test(x)));
    if (!found) throw new Error(`no button ${String(id)} among ${ids.join(", ")}`);
    return this.send({ type: "choice", id: found });
  }

  /** One turn; returns the parsed answer. */
  async send(event: unknown, language?: string): Promise<Record<string, unknown>> {
    if (language && !this.browserLanguage) this.browserLanguage = language;
    const res = this.keep(
      await this.app.request("http://localhost/api/chat", {
        method: "POST",
        headers: this.headers({ "Content-Type": "application/json" }),
        body: JSON.stringify({
          event,
          clientMessageId: crypto.randomUUID(),
          ...(language ? { language } : {}),
        }),
      }),
    );
    if (res.status !== 200) throw new Error(`POST /api/chat answered ${res.status}: ${await res.text()}`);
    this.last = (await res.json()) as Record<string, unknown>;
    return this.last;
  }

  /** POSTs JSON to another route of the chat (e.g. /api/chat/push). */
  async post(path: string, body: unknown): Promise<Response> {
    return this.app.request(`http://localhost${path}`, {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify(body),
    });
  }

  async get(path: string): Promise<Response> {
    return this.app.request(`http://localhost${path}`, { headers: this.headers() });
  }

  async history(): Promise<{ items: Record<string, unknown>[]; inboxAfter: number }> {
    const res = await this.get("/api/chat/history");
    if (res.status !== 200) throw new Error(`history answered ${res.status}`);
    return (await res.json()) as { items: Record<string, unknown>[]; inboxAfter: number };
  }
}
