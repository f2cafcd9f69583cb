import type { Channel, Handoff, NewHandoff } from "../core/handoff.js";
import type { Gazetteer } from "../core/location.js";
import type { Catalogue } from "../core/ranking-types.js";
import type { BotError } from "./errors.js";
import type { StoredData } from "./stored-data.js";

/** What a person did, normalised from any platform. */
export type InboundEvent =
  | { type: "text"; text: string }
  /** A button press; `id` is the opaque payload the bot put on the button. */
  | { type: "choice"; id: string }
  | { type: "location"; lat: number; lon: number }
  | { type: "command"; command: Command; args?: string };

export type Command = "start" | "help" | "language" | "restart" | "mydata" | "delete";

export interface Choice {
  /** Opaque payload, at most 64 bytes (Telegram callback_data limit). */
  id: string;
  label: string;
}

/** What the bot says; adapters render each kind natively. All text is plain (adapters escape). */
export type Reply =
  | { type: "text"; text: string }
  | { type: "choices"; text: string; choices: Choice[] }
  | { type: "links"; text: string; links: { label: string; url: string }[] }
  | { type: "location"; lat: number; lon: number; title: string; address: string }
  | { type: "request_location"; text: string; buttonLabel: string };

/** Side effects the adapter carries out, all of one step in one database transaction. */
export type Effect =
  | { type: "create_handoff"; handoff: NewHandoff }
  /** Erase the user's session and anonymise their handoffs (state → withdrawn). */
  | { type: "delete_user_data" }
  /** Post the person's message into the Slack thread of their chat handoff (contact details already masked). */
  | { type: "relay_to_handoff"; handoffId: string; text: string };

/** Who is talking, on which channel. */
export interface Peer {
  channel: Channel;
  channelUserId: string;
  /** The platform's language hint (Telegram language_code, Accept-Language), if any. */
  platformLanguage?: string;
}

/** Everything the engine needs from outside; passed in so the engine stays pure. */
export interface StepDeps {
  gazetteer: Gazetteer;
  catalogue: Catalogue;
  now: () => Date;
  newId: () => string;
  /** The user's handoffs, for /mydata (read before the step by the adapter). */
  handoffs?: Handoff[];
  /** Everything else stored about the user, for /mydata (read before the step, only for /mydata). */
  storedData?: StoredData;
}

export interface StepResult<S> {
  /** The new session to store; null when the user's data was deleted. */
  session: S | null;
  replies: Reply[];
  effects: Effect[];
  /** The language the replies are in, and its writing direction, for the adapter to render. */
  language: string;
  dir: "ltr" | "rtl";
  /**
   * Set when our code threw during the turn: the person got the translated "please try again"
   * and the old session is kept; the adapter logs and counts the error (it names the step, never
   * the person's text).
   */
  error?: BotError;
}
