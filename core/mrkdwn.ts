/**
 * Makes user text safe inside Slack mrkdwn: escapes the three control characters (&, <, >) so
 * `<!channel>`, `<@U123>` or links cannot be smuggled in, and breaks bare `@channel`, `@here` and
 * `@everyone` with a zero-width space so they never notify anyone.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, "@\u200B$1");
}

/** Quotes (possibly multi-line) escaped user text as a mrkdwn block quote. */
export function quoteMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

/** Slack's limit for a section's text; longer text is cut with an ellipsis. */
export const SECTION_TEXT_MAX = 3000;

/** Cuts text to `max` characters, ending with an ellipsis when shortened. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Slack message text (mrkdwn as Slack sends it) as plain text for a requester: links become
 * "label (url)", mentions and broadcasts are dropped to a neutral form, entities are unescaped.
 */
export function mrkdwnToPlain(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_m, target: string, label: string) =>
      target.startsWith("http") ? `${label} (${target})` : label,
    )
    .replace(/<([^<>]+)>/g, (_m, target: string) =>
      target.startsWith("http") ? target : target.startsWith("mailto:") ? target.slice(7) : "",
    )
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([,.;:!?])/g, "$1")
    .trim();
}
