import type { DeliveryFailure } from "../../core/outbox.js";
import type { Queryable } from "../db/database.js";
import type { OutboxRow } from "../db/outbox-claim.js";
import type { Logger } from "../logger.js";

/** What a delivered row still has to write, in the transaction that marks it sent. */
export interface Delivered {
  commit?: (tx: Queryable) => Promise<void>;
  /** Best effort once the row is marked sent (a Web Push announcing the message); never retried. */
  afterCommit?: () => Promise<void>;
}

/** What a delivery can ask of the drain while it runs. */
export interface DeliveryContext {
  row: OutboxRow;
  log: Logger;
  now(): Date;
  /**
   * Fencing: renews the lease and throws `LeaseLostError` when another holder took the row over.
   * Call it right before an irreversible call (a post); it first waits out a rate-limit pause of
   * the channel, or of `scope` (e.g. the Slack channel posted to).
   */
  fence(scope?: string): Promise<void>;
  /** Saves progress under the lease (e.g. replies of a turn already sent). */
  saveProgress(payload: Record<string, unknown>): Promise<void>;
}

/**
 * One message kind and the adapter's way of delivering it. `classify` turns what the platform
 * threw into a failure class; `onGiveUp` queues what makes giving up visible (a notice to the
 * default channel, a message to the family) in the transaction that marks the row failed.
 */
export interface OutboxKind {
  kind: string;
  channel: string;
  deliver(ctx: DeliveryContext): Promise<Delivered>;
  classify(err: unknown): DeliveryFailure;
  onGiveUp?(tx: Queryable, row: OutboxRow, code: string): Promise<void>;
}

/** The lease ran out and another holder took the row over; this holder must not send. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}
