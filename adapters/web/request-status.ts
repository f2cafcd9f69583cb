import { isolate } from "../../bot/bidi.js";
import { formatDate, translator } from "../../bot/i18n.js";
import { directionOf, intlTag, LOCALES } from "../../bot/locales.js";
import type { WebRequestStatus } from "../db/web-request-status-store.js";

/** The status card the page shows for a visitor's request: a title and a few short lines. */
export interface StatusCard {
  title: string;
  lines: string[];
  state: WebRequestStatus["state"];
  /** How the visitor asked to be answered: "chat", "phone" or "email". */
  contactMethod: string;
}

/** Text folded for word matching: lower case, letters and digits only, single spaces, padded. */
function fold(text: string): string {
  return ` ${text
    .normalize("NFC")
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}'’]+/gu, " ")
    .trim()} `;
}

/** Every locale's "is there an answer yet?" phrases (`webchat.statusWords`), folded. */
const STATUS_PHRASES: readonly string[] = [
  ...new Set(
    LOCALES.flatMap((l) =>
      translator(l.code)("webchat.statusWords")
        .split("|")
        .map((w) => fold(w))
        .filter((w) => w.trim() !== ""),
    ),
  ),
];

/** Longest message still read as a status question (longer texts are real messages). */
const MAX_STATUS_QUESTION = 80;

/** True when a short text asks, in any supported language, whether there is news about the request. */
export function asksForStatus(text: string): boolean {
  if (Array.from(text).length > MAX_STATUS_QUESTION) return false;
  const folded = fold(text);
  return STATUS_PHRASES.some((phrase) => folded.includes(phrase));
}

/** A moment as date and time in German time, in the reader's language. */
function formatWhen(iso: string, language: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(intlTag(language), {
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(date);
  return `${formatDate(date, language)} ${time}`;
}

/** The status card in the visitor's language ("Deine Anfrage an … · übernommen von … · letzte Nachricht …"). */
export function statusCard(status: WebRequestStatus, projectName: string, language: string): StatusCard {
  const t = translator(language);
  const dir = directionOf(language);
  const lines = [t(`handoff.state.${status.state}`)];
  if (status.takenByName) lines.push(t("webchat.status.takenBy", { name: isolate(status.takenByName, dir) }));
  lines.push(
    status.lastMessageAt
      ? t("webchat.status.lastMessage", { when: isolate(formatWhen(status.lastMessageAt, language), dir) })
      : t("webchat.status.noMessage"),
  );
  return {
    title: t("webchat.status.request", { project: isolate(projectName, dir) }),
    lines,
    state: status.state,
    contactMethod: status.contactMethod,
  };
}
