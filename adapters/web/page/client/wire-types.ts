/**
 * What the chat page receives from the server, as the browser sees it. Mirrors `Reply` in
 * bot/types.ts (kept structural here: the page is checked by tsc but must not bundle server code).
 */
export interface WireChoice {
  id: string;
  label: string;
}

/** One search result as a card (mirrors `ResultCard` in bot/types.ts). */
export interface WireCard {
  choiceId: string;
  position: number;
  name: string;
  where: string;
  focus: { icon: string; label: string }[];
  lines: string[];
  lat: number;
  lon: number;
}

/** A request's status (mirrors `StatusCard` in adapters/web/request-status.ts). */
export interface WireStatus {
  title: string;
  lines: string[];
  state: string;
}

export type WireReply =
  | {
      type: "text";
      text: string;
      cards?: { intro: string; items: WireCard[]; origin?: { lat: number; lon: number } };
    }
  | { type: "choices"; text: string; choices: WireChoice[] }
  | { type: "links"; text: string; links: { label: string; url: string }[] }
  | { type: "location"; lat: number; lon: number; title: string; address: string }
  | { type: "request_location"; text: string; buttonLabel: string };

export type WireEvent =
  | { type: "text"; text: string }
  | { type: "choice"; id: string }
  | { type: "location"; lat: number; lon: number }
  | { type: "command"; command: string; args?: string };

/** The answer of `POST /api/chat`. */
export interface TurnResponse {
  replies?: WireReply[];
  duplicate?: boolean;
  language?: string;
  dir?: "ltr" | "rtl";
  /** The visitor's data was deleted: the page forgets what it shows. */
  cleared?: boolean;
  /** The answer to "is there an answer yet?". */
  status?: WireStatus;
  /** The visitor waits for a reply in the chat: offer notifications (VAPID public key). */
  offerPush?: { key: string };
}

/** One item of `GET /api/chat/history`. */
export type HistoryItem =
  | { kind: "user"; text: string }
  | { kind: "bot"; reply: WireReply; lang: string; dir: "ltr" | "rtl" }
  | { kind: "inbox"; id: number; text: string; choices?: WireChoice[] };

export interface HistoryResponse {
  items?: HistoryItem[];
  inboxAfter?: number;
  status?: WireStatus;
  offerPush?: { key: string };
}

/** One message of `GET /api/chat/inbox`. */
export interface InboxMessage {
  id: number;
  text: string;
  /** A question from the service (a forward proposal), answered with these buttons. */
  choices?: WireChoice[];
}
