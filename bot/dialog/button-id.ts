import type { FocusArea } from "../../core/focus.js";
import type { AGE_BANDS } from "../flows/family.js";

/** The age bands offered as buttons. */
export type AgeBandId = (typeof AGE_BANDS)[number]["id"];

/**
 * Every button the bot puts on a message, by kind, with the values its payload may carry. A
 * button's id is `<kind>` (value "") or `<kind>:<value>`; `ButtonId` is the union of all of them,
 * so a misspelt or unknown id is a compile error where the button is made.
 */
export interface ButtonValues {
  role: "family" | "volunteer" | "coordinator" | "info";
  menu: "lang" | "restart";
  /** A page of the language picker. */
  langs: `${number}`;
  /** A language code, or "keep" on a language offer. */
  lang: string;
  del: "yes" | "no";
  age: AgeBandId;
  focus: FocusArea | "any";
  hours: `${number}`;
  /** A language code a volunteer speaks, or "done". */
  vlang: string;
  /** An index into the places offered, or "no" when the one place asked about was not meant. */
  place: `${number}` | "no";
  loc: "change";
  more: "";
  results: "back";
  /** A project reference (its id, or `#<index>` for long ids). */
  proj: string;
  contact: string;
  consent: "yes" | "no";
  way: "chat" | "phone" | "email";
  /** A handoff id. */
  relay: string;
  msg: "skip";
  /** The requester's answer to a proposal to forward their request: `yes:<handoffId>` or `no:<handoffId>`. */
  fwd: `${"yes" | "no"}:${string}`;
}

export type ButtonKind = keyof ButtonValues;

/** A typed button payload. */
export type ButtonId = {
  [K in ButtonKind]: ButtonValues[K] extends "" ? K : `${K}:${ButtonValues[K]}`;
}[ButtonKind];

/** All kinds, checked complete by the compiler. */
const KINDS = {
  role: true,
  menu: true,
  langs: true,
  lang: true,
  del: true,
  age: true,
  focus: true,
  hours: true,
  vlang: true,
  place: true,
  loc: true,
  more: true,
  results: true,
  proj: true,
  contact: true,
  consent: true,
  way: true,
  relay: true,
  msg: true,
  fwd: true,
} as const satisfies Record<ButtonKind, true>;

export const BUTTON_KINDS = Object.keys(KINDS) as ButtonKind[];

/** A pressed button read back: its kind and raw value (untrusted: handlers validate the value). */
export interface PressedButton {
  kind: ButtonKind;
  value: string;
}

function isButtonKind(kind: string): kind is ButtonKind {
  return Object.hasOwn(KINDS, kind);
}

/** Reads a button payload; undefined for a kind the bot never made. */
export function parseButtonId(id: string): PressedButton | undefined {
  const colon = id.indexOf(":");
  const kind = colon < 0 ? id : id.slice(0, colon);
  const value = colon < 0 ? "" : id.slice(colon + 1);
  return isButtonKind(kind) ? { kind, value } : undefined;
}
