import type { FlowStep } from "./session.js";
import type { InboundEvent } from "./types.js";

/** Longest cause message passed on to the log. */
const MAX_CAUSE_MESSAGE = 300;

const EVENT_TYPES: readonly string[] = ["text", "choice", "location", "command"];

/** The kind of an inbound event for the log; anything else (a malformed event) is "unknown". */
export function eventKind(event: unknown): InboundEvent["type"] | "unknown" {
  const type = (event as { type?: unknown } | null)?.type;
  return typeof type === "string" && EVENT_TYPES.includes(type) ? (type as InboundEvent["type"]) : "unknown";
}

/**
 * Our own code threw while the bot handled a turn. It names where (the step the person was at and
 * the kind of event), never what the person typed, so it can be logged and counted as it is; the
 * original error is kept as `cause`.
 */
export class BotError extends Error {
  override readonly name = "BotError";
  readonly step: FlowStep | "new";
  readonly event: InboundEvent["type"] | "unknown";

  constructor(step: FlowStep | "new", event: InboundEvent["type"] | "unknown", cause: unknown) {
    super(`bot step failed at step "${step}" on a ${event} event`, { cause });
    this.step = step;
    this.event = event;
  }

  /** What may be logged: the step, the event kind, and the cause's class and message (no user text goes into our errors). */
  toLog(): { name: string; step: string; event: string; cause?: { name: string; message: string } } {
    const cause =
      this.cause instanceof Error
        ? { name: this.cause.name, message: this.cause.message.slice(0, MAX_CAUSE_MESSAGE) }
        : undefined;
    return { name: this.name, step: this.step, event: this.event, ...(cause ? { cause } : {}) };
  }
}
