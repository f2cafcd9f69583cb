/**
 * Hides phone numbers and email addresses in chat text relayed between a requester and a
 * coordinator, so neither side learns the other's contact details through the relay.
 *
 * A hand-written single pass instead of regular expressions: the earlier patterns backtracked
 * quadratically (a 40,000-character reply blocked the server for 1.5 s). Every character is looked
 * at a bounded number of times, so masking stays linear in the length of the text.
 */

export interface MaskedText {
  text: string;
  /** True when something was replaced. */
  masked: boolean;
}

/** One phone number or email address found in a text: [start, end) and what it is. */
export interface ContactSpan {
  start: number;
  end: number;
  kind: "phone" | "email";
}

/** Characters that cannot be part of an email address as people type it in chat. */
const NOT_IN_EMAIL = new Set([..." \t\n\r\f\v\u00A0@<>()\"',;:"]);
const isSpace = (c: string) =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\u00A0";
const isDigit = (c: string) => c >= "0" && c <= "9";
const isAsciiLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isWordChar = (c: string | undefined) =>
  c !== undefined && (isDigit(c) || isAsciiLetter(c) || c === "_");
/** What may continue a phone number after its first character: digits, spaces, / ( ) and -. */
const inPhone = (c: string) => isDigit(c) || isSpace(c) || c === "/" || c === "(" || c === ")" || c === "-";

/** Shortest phone number (in digits) worth hiding; shorter runs are years, postcodes, counts. */
const MIN_PHONE_DIGITS = 7;

/** Email addresses: around each @, the longest runs of allowed characters; the domain ends in .tld. */
function findEmails(text: string, out: ContactSpan[]): void {
  let scannedTo = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    if (at < scannedTo) continue;
    let start = at;
    while (start > 0 && !NOT_IN_EMAIL.has(text[start - 1] as string)) start--;
    let end = at + 1;
    while (end < text.length && !NOT_IN_EMAIL.has(text[end] as string)) end++;
    scannedTo = end;
    if (start === at) continue;
    // The domain ends with a dot and two or more letters; trailing punctuation ("… de.") is not part of it.
    let tldEnd = end;
    while (tldEnd > at + 1 && !isAsciiLetter(text[tldEnd - 1] as string)) tldEnd--;
    let tldStart = tldEnd;
    while (tldStart > at + 1 && isAsciiLetter(text[tldStart - 1] as string)) tldStart--;
    if (tldEnd - tldStart < 2 || text[tldStart - 1] !== "." || tldStart - 1 <= at + 1) continue;
    out.push({ start, end: tldEnd, kind: "email" });
  }
}

/** Phone numbers: "+" or a word-initial "0", then digits, spaces, / ( ) -, ending in a digit; 7+ digits. */
function findPhones(text: string, out: ContactSpan[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const starts = c === "+" || (c === "0" && !isWordChar(text[i - 1]));
    if (!starts) {
      i++;
      continue;
    }
    let end = i + 1;
    let digits = c === "0" ? 1 : 0;
    let lastDigitEnd = c === "0" ? i + 1 : -1;
    while (end < text.length && inPhone(text[end] as string)) {
      if (isDigit(text[end] as string)) {
        digits++;
        lastDigitEnd = end + 1;
      }
      end++;
    }
    // Any start inside this run sees a subset of its digits, so the scan goes on after the run.
    // "(0221) 123…": the opening bracket of an area code belongs to the number.
    const start = c === "0" && text[i - 1] === "(" ? i - 1 : i;
    if (digits >= MIN_PHONE_DIGITS && lastDigitEnd - i >= 7)
      out.push({ start, end: lastDigitEnd, kind: "phone" });
    i = Math.max(end, i + 1);
  }
}

/** Every email address and phone number in `text`, in order, without overlaps (emails win). */
export function findContactDetails(text: string): ContactSpan[] {
  const emails: ContactSpan[] = [];
  findEmails(text, emails);
  const phones: ContactSpan[] = [];
  findPhones(text, phones);
  const spans: ContactSpan[] = [];
  let e = 0;
  for (const p of phones) {
    while (e < emails.length && (emails[e] as ContactSpan).end <= p.start)
      spans.push(emails[e++] as ContactSpan);
    const overlapping = e < emails.length && (emails[e] as ContactSpan).start < p.end;
    if (!overlapping) spans.push(p);
  }
  while (e < emails.length) spans.push(emails[e++] as ContactSpan);
  return spans.sort((a, b) => a.start - b.start);
}

function replaceSpans(text: string, spans: readonly ContactSpan[], placeholder: string): string {
  const parts: string[] = [];
  let from = 0;
  for (const s of spans) {
    parts.push(text.slice(from, s.start), placeholder);
    from = s.end;
  }
  parts.push(text.slice(from));
  return parts.join("");
}

/** Replaces every email address and phone number in `text` with `placeholder`. */
export function maskContactDetails(text: string, placeholder = "[…]"): MaskedText {
  const spans = findContactDetails(text);
  if (spans.length === 0) return { text, masked: false };
  return { text: replaceSpans(text, spans, placeholder), masked: true };
}

/** A phone number or email in a comparable form: digits with the German country code as 0, or lower case. */
export function contactKey(value: string): string {
  if (value.includes("@")) return value.trim().toLowerCase();
  const digits = value.replace(/\D/g, "");
  if (value.trim().startsWith("+49")) return `0${digits.slice(2)}`;
  if (digits.startsWith("0049")) return `0${digits.slice(4)}`;
  if (value.trim().startsWith("+")) return `+${digits}`;
  return digits;
}

/**
 * Hides only the contact details that are among `known` (the requester's own phone or email), so a
 * coordinator's office number reaches the family while a repeated family number does not.
 */
export function maskKnownContactDetails(
  text: string,
  known: readonly string[],
  placeholder = "[…]",
): MaskedText {
  const keys = new Set(known.filter((k) => k.trim().length > 0).map(contactKey));
  if (keys.size === 0) return { text, masked: false };
  const spans = findContactDetails(text).filter((s) => keys.has(contactKey(text.slice(s.start, s.end))));
  if (spans.length === 0) return { text, masked: false };
  return { text: replaceSpans(text, spans, placeholder), masked: true };
}
