import type { Choice, InboundEvent, Reply } from "../../bot/types.js";
import type { Queryable, Statement } from "../db/database.js";
import { listRequesterMessages } from "../db/requester-inbox-store.js";
import { deletePushSubscription } from "../db/web-push-store.js";
import {
  appendTranscript,
  appendTranscriptStatement,
  eraseTranscript,
  listTranscript,
  type TranscriptEntry,
} from "../db/web-transcript-store.js";

/** One item of a restored conversation, in the order it was shown. */
export type HistoryItem = TranscriptEntry | { kind: "inbox"; id: number; text: string; choices?: Choice[] };

export interface History {
  items: HistoryItem[];
  /** The newest inbox message id among the items, so polling continues after it. */
  inboxAfter: number;
}

/** What the chat routes need to remember a web visitor's conversation. */
export interface WebChatMemory {
  /** Records one turn: what the visitor did (as they saw it) and what the bot answered. */
  recordTurn(
    visitorId: string,
    event: InboundEvent,
    turn: { replies: Reply[]; language: string; dir: "ltr" | "rtl" },
  ): Promise<void>;
  /**
   * `recordTurn` as statements to commit with the turn, when it needs nothing read first (a typed
   * message or a command); undefined otherwise (a button or a location, whose bubble shows a label
   * from earlier replies), and then the caller records the turn with `recordTurn` afterwards.
   */
  turnStatements?(
    visitorId: string,
    event: InboundEvent,
    turn: { replies: Reply[]; language: string; dir: "ltr" | "rtl" },
  ): Statement[] | undefined;
  /** The conversation so far, coordinators' messages merged in by time; empty once the session expired. */
  history(visitorId: string): Promise<History>;
  /** Forgets the transcript and the push subscription (/delete). */
  erase(visitorId: string): Promise<void>;
}

/** The label of the button the visitor pressed, from the newest replies that offered it. */
function labelOf(entries: readonly TranscriptEntry[], id: string): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e?.kind === "bot" && e.reply.type === "choices") {
      const found = e.reply.choices.find((c) => c.id === id);
      if (found) return found.label;
    }
  }
  return undefined;
}

/** What the visitor's own bubble showed for an event; commands from the page's chrome show none. */
function userText(event: InboundEvent, recent: readonly TranscriptEntry[]): string | undefined {
  switch (event.type) {
    case "text":
      return event.text;
    case "choice":
      return labelOf(recent, event.id);
    case "location": {
      const asked = [...recent]
        .reverse()
        .find((e) => e.kind === "bot" && e.reply.type === "request_location");
      if (asked?.kind !== "bot" || asked.reply.type !== "request_location") return "📍";
      const label = asked.reply.buttonLabel;
      return label.startsWith("📍") ? label : `📍 ${label}`;
    }
    case "command":
      return undefined;
  }
}

/** The web chat's memory on the app's database (transcript table plus the requester inbox). */
/** The transcript entries of one turn, given the newest entries shown before it. */
function turnEntries(
  event: InboundEvent,
  turn: { replies: Reply[]; language: string; dir: "ltr" | "rtl" },
  recent: readonly TranscriptEntry[],
): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const mine = userText(event, recent);
  if (mine !== undefined) entries.push({ kind: "user", text: mine });
  for (const reply of turn.replies) entries.push({ kind: "bot", reply, lang: turn.language, dir: turn.dir });
  return entries;
}

/** Whether the visitor's bubble for an event is a label taken from earlier replies. */
const needsRecent = (event: InboundEvent) => event.type === "choice" || event.type === "location";

export function webChatMemory(db: Queryable, now: () => Date): WebChatMemory {
  return {
    async recordTurn(visitorId, event, turn) {
      const recent = needsRecent(event)
        ? (await listTranscript(db, visitorId, now(), 20)).map((s) => s.entry)
        : [];
      await appendTranscript(db, visitorId, turnEntries(event, turn, recent), now());
    },
    turnStatements(visitorId, event, turn) {
      if (needsRecent(event)) return undefined;
      const entries = turnEntries(event, turn, []);
      return entries.length === 0 ? [] : [appendTranscriptStatement(visitorId, entries, now())];
    },
    async history(visitorId) {
      const shown = await listTranscript(db, visitorId, now());
      if (shown.length === 0) return { items: [], inboxAfter: 0 };
      const inbox = await listRequesterMessages(db, "web", visitorId, 0, 200);
      const timed: { at: string; order: number; item: HistoryItem }[] = [
        ...shown.map((s, order) => ({ at: s.createdAt, order, item: s.entry })),
        ...inbox.map((m, order) => ({
          at: new Date(m.createdAt).toISOString(),
          order,
          item: {
            kind: "inbox" as const,
            id: m.id,
            text: m.text,
            ...(m.choices ? { choices: m.choices } : {}),
          },
        })),
      ];
      timed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
      const inboxAfter = inbox.reduce((max, m) => Math.max(max, m.id), 0);
      return { items: timed.map((t) => t.item), inboxAfter };
    },
    async erase(visitorId) {
      await eraseTranscript(db, visitorId);
      await deletePushSubscription(db, visitorId);
    },
  };
}
