import { el } from "./dom.js";

/**
 * A left-to-right run inside right-to-left text: a command ("/delete"), a phone number, a postcode, a
 * Latin-script name or address. Starts with a Latin letter or a European digit (optionally after
 * "+", "/", "#" or "@") and goes on over such letters, digits, inner punctuation and single spaces
 * followed by more of them.
 */
const LTR_RUN =
  /[+/#@]?[\p{Script=Latin}0-9](?:[\p{Script=Latin}\p{M}0-9.,:'’@_\-+/&()]|[ \u00a0](?=[+(]?[\p{Script=Latin}0-9]))*/gu;
/** Punctuation that ends a sentence rather than a run ("… /delete." keeps the dot outside). */
const TRAILING = /[.,:;)]+$/u;

/** A phone number or an e-mail address in a bot message, made tappable. */
const CONTACT = /(?<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?<phone>\+?[0-9][0-9 /-]{6,}[0-9])/gu;

/** Appends text, wrapping every left-to-right run in `<bdi dir="ltr">` when the bubble is right to left. */
function appendRuns(parent: HTMLElement, text: string, rtl: boolean): void {
  if (!rtl) {
    parent.append(text);
    return;
  }
  let last = 0;
  for (const m of text.matchAll(LTR_RUN)) {
    const run = m[0].replace(TRAILING, (p) => (m[0].startsWith("(") ? p : ""));
    const start = m.index ?? 0;
    if (run === "") continue;
    parent.append(text.slice(last, start));
    const bdi = el("bdi", undefined, run);
    bdi.dir = "ltr";
    parent.append(bdi);
    last = start + run.length;
  }
  parent.append(text.slice(last));
}

/**
 * Fills a paragraph with plain text (never HTML): right-to-left bubbles isolate left-to-right runs;
 * with `links`, phone numbers and e-mail addresses become tel: and mailto: links.
 */
export function appendRichText(
  parent: HTMLElement,
  text: string,
  opts: { rtl: boolean; links: boolean },
): void {
  if (!opts.links) {
    appendRuns(parent, text, opts.rtl);
    return;
  }
  let last = 0;
  for (const m of text.matchAll(CONTACT)) {
    const start = m.index ?? 0;
    appendRuns(parent, text.slice(last, start), opts.rtl);
    const value = m[0];
    const a = el("a", "contact", value);
    a.href = m.groups?.email ? `mailto:${value}` : `tel:${value.replace(/[^+0-9]/g, "")}`;
    if (opts.rtl) a.dir = "ltr";
    parent.append(a);
    last = start + value.length;
  }
  appendRuns(parent, text.slice(last), opts.rtl);
}
