import { addRequesterMessage } from "../db/requester-inbox-store.js";
import type { OutboxKind } from "./outbox-kind.js";
import { REQUESTER_KINDS } from "./requester-message.js";

/**
 * The web chat's messages from coordinators: written to the visitor's inbox (the page polls it) in
 * the transaction that marks the row sent, so each arrives exactly once.
 */
export function webInboxKind(): OutboxKind {
  return {
    kind: REQUESTER_KINDS.web,
    channel: "web",
    deliver: async ({ row, now }) => {
      const { visitorId, text } = row.payload as { visitorId?: string; text?: string };
      if (!visitorId || !text) return {};
      return { commit: (tx) => addRequesterMessage(tx, "web", visitorId, text, now()) };
    },
    classify: () => ({ class: "transient", code: "internal", maybeSent: false }),
  };
}
