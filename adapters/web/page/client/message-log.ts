import { byId, el } from "./dom.js";
import { ui } from "./ui-text.js";

export const log = byId<HTMLOListElement>("log");
const logWrap = log.parentElement ?? document.body;

export type ItemKind = "bot" | "user" | "note" | "note pending";

/** Appends one message bubble; kind is "bot", "user" or "note". */
export function addItem(kind: ItemKind, meta?: { lang?: string; dir?: string }): HTMLLIElement {
  const li = el("li", `msg ${kind}`);
  if (meta?.lang) li.lang = meta.lang;
  li.dir = meta?.dir ?? "auto";
  if (kind === "bot" || kind === "user") {
    li.append(el("span", "sr-only", `${kind === "user" ? ui("you") : ui("assistant")}: `));
  }
  log.append(li);
  return li;
}

/** Appends a paragraph of plain text to a bubble. */
export function addText(li: HTMLElement, text: unknown): HTMLParagraphElement {
  const p = el("p", undefined, String(text ?? ""));
  li.append(p);
  return p;
}

export function scrollToEnd(): void {
  logWrap.scrollTop = logWrap.scrollHeight;
}

/** A short note of the page itself (not the bot's), e.g. "locating…". */
export function note(text: string): HTMLLIElement {
  const li = addItem("note");
  addText(li, text);
  scrollToEnd();
  return li;
}

/** The user's own message as a bubble. */
export function addUser(text: string): HTMLLIElement {
  const li = addItem("user");
  addText(li, text);
  scrollToEnd();
  return li;
}

/** Choice and location buttons of earlier replies stop working once the user has moved on. */
export function disableOldButtons(): void {
  for (const b of log.querySelectorAll<HTMLButtonElement>(".actions button")) b.disabled = true;
}
