/**
 * What the adapters read from storage for `/mydata`, beyond the session and the handoffs: read
 * before the step (the engine does no I/O) and only when the person asked for their data.
 */
export interface StoredData {
  /** Per handoff id: what the project side added, and when the handoff will be deleted at the latest. */
  handoffs: Record<string, StoredHandoffExtras>;
  /** Messages from coordinators kept for the person (the web chat inbox). */
  inbox: StoredMessage[];
  /** Whether a JSON download exists on this channel (the web chat: GET /api/chat/mydata). */
  downloadUrl?: string;
}

export interface StoredHandoffExtras {
  /** The coordinator who took the request over, by name. */
  coordinatorName?: string;
  /** Messages the person sent through the assistant to the coordinator. */
  relayed: StoredMessage[];
  /** When everything about the request is deleted at the latest (core/handoff-lifecycle.ts). */
  deleteBy: string;
}

export interface StoredMessage {
  text: string;
  at: string;
}
