import type { Channel, NewHandoff, UserHandoff } from "../core/handoff.js";
import type { CommandName } from "../core/language-data.js";
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

export type Command = CommandName;

export interface Choice {
  /** Opaque payload, at most 64 bytes (Telegram callback_data limit). */
  id: string;
  label: string;
}

/**
 * One search result as a card, for adapters that can draw cards (the web chat); the reply's text
 * says the same for those that cannot. All strings are translated and plain.
 */
export interface ResultCard {
  /** The button id that opens the project's details (the same as on the list's buttons). */
  choiceId: string;
  position: number;
  name: string;
  /** "Köln, 1,8 km". */
  where: string;
  /** Focus areas as an icon and its name. */
  focus: { icon: string; label: string }[];
  /** Ages, languages, why it fits: one short line each. */
  lines: string[];
  /** Where the project is, for a map of the results. */
  lat: number;
  lon: number;
}

/** What the bot says; adapters render each kind natively. All text is plain (adapters escape). */
export type Reply =
  | {
      type: "text";
      text: string;
      /** The results as cards, and the point they were searched around (for a map). */
      cards?: { intro: string; items: ResultCard[]; origin?: { lat: number; lon: number } };
    }
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
  | { type: "relay_to_handoff"; handoffId: string; text: string }
  /**
   * The requester answered a coordinator's proposal to forward their request to `projectId`: only a
   * yes moves it; the adapter checks under a lock that this proposal is still the one pending.
   */
  | { type: "answer_forward"; handoffId: string; projectId: string; accept: boolean };

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
  /**
   * False when no coordinator channel is configured: a request is stored but reaches nobody, so the
   * bot must not confirm it as delivered. Unset means delivered.
   */
  handoffsDelivered?: boolean;
  /** The user's handoffs, for /mydata, /delete and forward proposals (read before the step by the adapter). */
  handoffs?: UserHandoff[];
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
