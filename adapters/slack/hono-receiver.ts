import { createHash } from "node:crypto";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { Hono } from "hono";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { ApiError } from "../web/api-error.js";
import { DIALOG_CHOICE } from "./dialog-blocks.js";
import { verifySlackRequest } from "./signature.js";
import { checkSlackPayload } from "./slack-payload.js";

export const EVENTS_PATH = "/slack/events";

export interface HonoReceiverDeps {
  signingSecret: string;
  logger: Logger;
  /** Records a delivery key; resolves false when it was seen before (a Slack retry). */
  markProcessed: (key: string) => Promise<boolean>;
  /** Seconds since the epoch (injectable for tests). */
  nowSeconds?: () => number;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Parses a Slack request body: JSON (events), form with `payload` (interactions) or plain form (commands). */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if (contentType?.includes("application/x-www-form-urlencoded")) {
      const form = new URLSearchParams(raw);
      const payload = form.get("payload");
      const parsed: unknown = payload !== null ? JSON.parse(payload) : Object.fromEntries(form.entries());
      return isObject(parsed) ? parsed : undefined;
    }
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function sha256Hex(text: string): Promise<string> {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The key a delivery is deduplicated by: the Events API's event_id, or a hash of the raw body for
 * interactions and commands. Options requests (type-ahead) are read-only and never deduplicated.
 */
/** Where a listener finds the delivery key of an event it records itself (see `recordsOwnDelivery`). */
export const DELIVERY_KEY_FIELD = "pf_delivery_key";

/** action_id of a dialog button in a DM (with an optional `:<n>`, see dialog-blocks.ts). */
const DIALOG_CHOICE_ACTION = new RegExp(`^${DIALOG_CHOICE}(:\\d+)?$`);

/**
 * Deliveries whose listener records them as processed itself, in the transaction that queues what
 * they cause, so a crash in between redoes the event instead of losing it: thread replies in
 * channels (thread-relay.ts queues the relay), and direct messages and dialog button taps
 * (dialog-dm.ts queues the answer with the turn).
 */
function recordsOwnDelivery(body: Record<string, unknown>): boolean {
  if (body.type === "block_actions") {
    const actions = body.actions as { action_id?: unknown }[] | undefined;
    return actions?.length === 1 && DIALOG_CHOICE_ACTION.test(String(actions[0]?.action_id));
  }
  const event = body.event as
    | { type?: string; thread_ts?: string; ts?: string; channel_type?: string }
    | undefined;
  if (body.type !== "event_callback" || event?.type !== "message") return false;
  if (event.channel_type === "im") return true;
  return typeof event.thread_ts === "string" && event.thread_ts !== event.ts;
}

async function deliveryKey(body: Record<string, unknown>, raw: string): Promise<string | undefined> {
  if (body.type === "block_suggestion") return undefined;
  if (body.type === "event_callback" && typeof body.event_id === "string") return `event:${body.event_id}`;
  return `body:${await sha256Hex(raw)}`;
}

/**
 * A Bolt receiver that lives inside the Hono app (Node and Workers alike). It checks the signature
 * before Bolt sees anything, answers url_verification, drops Slack retries of deliveries already
 * taken, and answers the HTTP request as soon as the listener calls ack(); the listener's slow work
 * continues after the response (kept alive with waitUntil on Workers).
 */
export class HonoReceiver implements Receiver {
  readonly routes = new Hono();
  private app: App | undefined;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: HonoReceiverDeps) {
    this.routes.post(EVENTS_PATH, (c) => this.handle(c.req.raw, () => c.executionCtx));
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<unknown> {
    return Promise.resolve();
  }

  async stop(): Promise<unknown> {
    await this.idle();
    return undefined;
  }

  /** Resolves when every listener started so far has finished its work after the ack. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async handle(
    req: Request,
    executionCtx: () => { waitUntil(p: Promise<unknown>): void },
  ): Promise<Response> {
    const log = this.deps.logger;
    const raw = await req.text();
    const now = this.deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
    const check = await verifySlackRequest(
      this.deps.signingSecret,
      {
        signature: req.headers.get("x-slack-signature") ?? undefined,
        timestamp: req.headers.get("x-slack-request-timestamp") ?? undefined,
      },
      raw,
      now,
    );
    if (!check.ok) {
      log.warn({ reason: check.reason }, "slack: request with a bad signature rejected");
      throw new ApiError(401, "x-slack-signature", "unauthorized");
    }
    const body = parseBody(raw, req.headers.get("content-type") ?? undefined);
    if (!body) {
      log.warn({ field: "body", reason: "unreadable" }, "slack: malformed payload rejected");
      throw new ApiError(400, "body", "unreadable body");
    }
    if (body.ssl_check !== undefined) return new Response(null, { status: 200 });
    if (body.type === "url_verification") return Response.json({ challenge: body.challenge });
    const problem = checkSlackPayload(body);
    if (problem) {
      // One line, naming the field only: the payload may carry a family's message.
      log.warn(problem, "slack: malformed payload rejected");
      throw new ApiError(400, problem.field, `malformed Slack payload: ${problem.field} (${problem.reason})`);
    }

    const retryNum = req.headers.get("x-slack-retry-num");
    const key = await deliveryKey(body, raw);
    if (key && recordsOwnDelivery(body)) body[DELIVERY_KEY_FIELD] = key;
    else if (key && !(await this.deps.markProcessed(key))) {
      log.info(
        { retryNum, retryReason: req.headers.get("x-slack-retry-reason") },
        "slack: duplicate delivery skipped",
      );
      return new Response(null, { status: 200 });
    }
    const app = this.app;
    if (!app) throw new ApiError(503, undefined, "not ready");

    let resolveAck!: (response: unknown) => void;
    const acked = new Promise<{ response: unknown }>((resolve) => {
      resolveAck = (response) => resolve({ response });
    });
    let ackCalled = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (ackCalled) return;
        ackCalled = true;
        resolveAck(response);
      },
      ...(retryNum !== null ? { retryNum: Number(retryNum) } : {}),
      ...(req.headers.get("x-slack-retry-reason")
        ? { retryReason: req.headers.get("x-slack-retry-reason") ?? "" }
        : {}),
    };
    const processing = app
      .processEvent(event)
      .catch((err: unknown) => {
        logError(log, err, "slack: listener failed", { type: body.type });
      })
      .finally(() => this.pending.delete(processing));
    this.pending.add(processing);
    try {
      executionCtx().waitUntil(processing);
    } catch {
      // Node: no execution context; the work continues in the background.
    }
    const first = await Promise.race([acked, processing.then(() => undefined)]);
    if (!first) return new Response(null, { status: 200 });
    const { response } = first;
    if (response === undefined || response === null || response === "")
      return new Response(null, { status: 200 });
    if (typeof response === "string") return new Response(response, { status: 200 });
    return Response.json(response);
  }
}

/** Kept for modules that import it from here; the one definition is in adapters/errors.ts. */
export { errorFields } from "../errors.js";
