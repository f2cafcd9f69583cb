import { capText } from "../core/text-cap.js";

/** Longest text the bot reads from one message; the rest is dropped with a polite note. */
export const MAX_INPUT_CHARS = 1000;

/** Control characters except tab and newline, C1 controls, and bidi embedding/override/isolate marks. */
const STRIP =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Typed text made safe to read and store: plain, trimmed, at most MAX_INPUT_CHARS code points. */
export interface SanitizedText {
  text: string;
  truncated: boolean;
}

/**
 * Cleans what a person typed: Unicode NFC, control and bidi characters removed (ZWJ/ZWNJ kept, as
 * emoji and Persian need them), tabs to spaces, runs of blank lines collapsed, trimmed, truncated.
 * Markup is kept verbatim as plain text; adapters escape it.
 */
export function sanitizeInput(raw: string, maxChars = MAX_INPUT_CHARS): SanitizedText {
  // Bounded before any processing, so a megabyte of text costs no more than a few thousand characters.
  const head = capText(String(raw), maxChars * 4);
  const cleaned = head.text
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(STRIP, "")
    .replace(/[ \u00A0]{2,}/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const chars = Array.from(cleaned);
  if (chars.length <= maxChars) return { text: cleaned, truncated: head.capped };
  return { text: chars.slice(0, maxChars).join("").trim(), truncated: true };
}
