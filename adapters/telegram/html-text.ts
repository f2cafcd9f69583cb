/** Telegram's limit for one message text, counted in UTF-16 code units after entity parsing. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Escapes a plain string for Telegram's HTML parse mode (&, < and >; quotes for attribute safety). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Splits plain text into chunks of at most `max` UTF-16 code units, preferring paragraph, line and
 * word boundaries and never cutting a surrogate pair. Escape each chunk afterwards.
 */
export function splitText(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = bestBreak(rest, max);
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  chunks.push(rest);
  const nonEmpty = chunks.filter((c) => c.trim().length > 0);
  return nonEmpty.length > 0 ? nonEmpty : [text];
}

function bestBreak(text: string, max: number): number {
  const window = text.slice(0, max);
  const minUseful = Math.floor(max / 2);
  for (const sep of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(sep);
    if (at >= minUseful) return at + sep.length;
  }
  return max;
}
