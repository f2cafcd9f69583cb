import { byId, el } from "./dom.js";
import { appendRichText } from "./rich-text.js";
import { page, ui } from "./ui-text.js";

/** The list of messages; its live region is the element around it (a list keeps its list role). */
export const log = byId<HTMLOListElement>("log");
const region = byId("log-region");
const logWrap = byId("log-wrap");

export type ItemKind = "bot" | "user" | "note" | "note pending" | "status";

/** Appends one message bubble. */
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

/** True when a bubble is laid out right to left (its own dir, else the page's). */
function isRtl(li: HTMLElement): boolean {
  return li.dir === "rtl" || (li.dir !== "ltr" && page.dir === "rtl");
}

/** Appends a paragraph of plain text to a bubble (bot bubbles get tappable phone numbers and e-mails). */
export function addText(li: HTMLElement, text: unknown): HTMLParagraphElement {
  const p = el("p");
  appendRichText(p, String(text ?? ""), { rtl: isRtl(li), links: li.classList.contains("bot") });
  li.append(p);
  return p;
}

export function scrollToEnd(): void {
  logWrap.scrollTop = logWrap.scrollHeight;
}

export function setBusy(busy: boolean): void {
  region.setAttribute("aria-busy", busy ? "true" : "false");
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
