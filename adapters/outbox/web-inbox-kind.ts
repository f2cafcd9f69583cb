import type { Choice } from "../../bot/types.js";
import { addRequesterMessage } from "../db/requester-inbox-store.js";
import type { OutboxKind } from "./outbox-kind.js";
import { REQUESTER_KINDS } from "./requester-message.js";

export interface WebInboxOptions {
  /** Announces a waiting message to the visitor's browser (Web Push; never throws). */
  push?: (visitorId: string) => Promise<unknown>;
}

/**
 * The web chat's messages from coordinators: written to the visitor's inbox (the page polls it) in
 * the transaction that marks the row sent, so each arrives exactly once; with Web Push configured
 * the browser is then told that a message waits (best effort, after the commit).
 */
export function webInboxKind(opts: WebInboxOptions = {}): OutboxKind {
  return {
    kind: REQUESTER_KINDS.web,
    channel: "web",
    deliver: async ({ row, now }) => {
      const { visitorId, text, choices } = row.payload as {
        visitorId?: string;
        text?: string;
        choices?: Choice[];
      };
      if (!visitorId || !text) return {};
      const push = opts.push;
      return {
        commit: (tx) => addRequesterMessage(tx, "web", visitorId, text, now(), choices),
        ...(push ? { afterCommit: async () => void (await push(visitorId)) } : {}),
      };
    },
    classify: () => ({ class: "transient", code: "internal", maybeSent: false }),
  };
}
