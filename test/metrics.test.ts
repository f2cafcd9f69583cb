import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices, type Services } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createLogger } from "../adapters/logger.js";
import { createAppMetrics } from "../adapters/metrics/app-metrics.js";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";

const ADMIN_TOKEN = "admin-token-0123456789abcdef";

/** Collects the JSON log lines the app writes. */
function logSink(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

async function compose(env: Record<string, string>, sink = logSink()) {
  const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
  const metrics = createAppMetrics();
  const logger = createLogger("info", sink.stream, {
    onError: (component) => metrics.errors.inc({ component }),
  });
  const services = await composeServices(loadConfig(env), {
    logger,
    gazetteerData,
    sampleCatalogue,
    metrics,
    inMemory: true,
    openDatabase,
    catalogueRefreshMs: 0,
  });
  return { services, sink, logger };
}

const chat = (services: Services, body: unknown, cookie?: string) =>
  services.app.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe("GET /metrics and request logs", () => {
  let services: Services;
  let lines: Record<string, unknown>[];
  let logger: ReturnType<typeof createLogger>;

  beforeAll(async () => {
    const composed = await compose({ ADMIN_TOKEN });
    services = composed.services;
    lines = composed.sink.lines;
    logger = composed.logger;
  });
  afterAll(async () => services?.close());

  it("Should be 401 without or with a wrong bearer token", async () => {
    expect((await services.app.request("/metrics")).status).toBe(401);
    const wrong = await services.app.request("/metrics", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);
    const basic = await services.app.request("/metrics", {
      headers: { authorization: `Basic ${ADMIN_TOKEN}` },
    });
    expect(basic.status).toBe(401);
  });

  it("counts turns, replies, handoffs by state and the outbox backlog with its age", async () => {
    const first = await chat(services, { event: { type: "command", command: "start" } });
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
    const { replies } = (await first.json()) as { replies: unknown[] };
    await chat(services, { event: { type: "choice", id: "role:family" } }, cookie);

    await services.db.query(
      `INSERT INTO handoffs (id, channel, channel_user_id, project_id, kind, state, data, created_at, updated_at)
       VALUES ('h1', 'web', 'u1', 'p1', 'family', 'open', '{}', now(), now()),
              ('h2', 'web', 'u2', 'p1', 'family', 'open', '{}', now(), now()),
              ('h3', 'web', 'u3', 'p1', 'volunteer', 'done', '{}', now(), now())`,
    );
    await services.db.query(
      `INSERT INTO outbox (topic, payload, created_at) VALUES
         ('test.topic', '{}', now() - interval '90 seconds'),
         ('test.topic', '{}', now() - interval '10 seconds')`,
    );
    await services.db.query(
      "INSERT INTO outbox (topic, payload, created_at, sent_at) VALUES ('test.topic', '{}', now() - interval '1 hour', now())",
    );

    const res = await services.app.request("/metrics", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain("# TYPE patenschaft_updates_total counter");
    expect(text).toContain('patenschaft_updates_total{channel="web",outcome="handled"} 2');
    expect(text).toMatch(/patenschaft_replies_total\{channel="web"\} \d+/);
    expect(services.metrics.replies.get({ channel: "web" })).toBeGreaterThanOrEqual(replies.length);
    expect(text).toContain('patenschaft_handoffs{state="done"} 1');
    expect(text).toContain('patenschaft_handoffs{state="open"} 2');
    expect(text).toContain("patenschaft_outbox_backlog 2");
    const age = Number(/^patenschaft_outbox_oldest_unsent_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(89);
    expect(age).toBeLessThan(600);
    expect(text).toContain('patenschaft_http_requests_total{method="POST",route="/api/chat",status="200"} 2');
  });

  it("logs method, route pattern, status, duration and request id, never the query string", async () => {
    const res = await services.app.request("/api/projects/search?postcode=50667&q=Lesen", {
      headers: { "x-request-id": "req-abc-123" },
    });
    expect(res.status).toBe(200);
    const line = lines.find((l) => l.msg === "http request" && l.requestId === "req-abc-123");
    expect(line).toMatchObject({
      method: "GET",
      route: "/api/projects/search",
      status: 200,
      component: "http",
    });
    expect(typeof line?.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("50667");
    expect(JSON.stringify(lines)).not.toContain("Lesen");

    await services.app.request("/api/projects/some-unknown-id");
    expect(lines.some((l) => l.route === "/api/projects/:id" && l.status === 404)).toBe(true);
    await services.app.request("/no/such/path?postcode=10115");
    expect(lines.some((l) => l.route === "unmatched" && l.status === 404)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("10115");
    // Every request gets an id, also when the client sends none.
    const ids = lines.filter((l) => l.msg === "http request").map((l) => l.requestId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
  });

  it("counts error logs by component", async () => {
    logger.child({ component: "slack-dispatcher" }).error({ outboxId: "1" }, "slack: outbox row given up");
    logger.child({ channel: "telegram" }).warn("not an error");
    logger.error("something failed");
    expect(services.metrics.errors.get({ component: "slack-dispatcher" })).toBe(1);
    expect(services.metrics.errors.get({ component: "telegram" })).toBe(0);
    const text = await (
      await services.app.request("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).text();
    expect(text).toContain('patenschaft_errors_total{component="slack-dispatcher"} 1');
    expect(text).toContain('patenschaft_errors_total{component="app"} 1');
  });
});

describe("GET /metrics without ADMIN_TOKEN", () => {
  it("Should be 404, so the endpoint does not exist", async () => {
    const { services } = await compose({});
    try {
      const res = await services.app.request("/metrics", {
        headers: { authorization: "Bearer anything-at-all-here" },
      });
      expect(res.status).toBe(404);
    } finally {
      await services.close();
    }
  });
});
