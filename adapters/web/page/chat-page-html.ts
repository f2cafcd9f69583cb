import type { WebUiStrings } from "./ui-strings.js";

/** The optional result map: a tile URL template with {z}, {x}, {y}, and the provider's attribution. */
export interface MapConfig {
  tileUrl: string;
  attribution?: string;
}

/**
 * Content-Security-Policy of the chat page: only same-origin script, style and fetch; nothing inline
 * runs. Images from elsewhere only from the configured map tile server.
 */
export function chatPageCsp(map?: MapConfig): string {
  const tiles = map ? ` ${new URL(map.tileUrl.replace(/\{[zxy]\}/g, "0")).origin}` : "";
  return CHAT_PAGE_CSP.replace("img-src 'self' data:", `img-src 'self' data:${tiles}`);
}

export const CHAT_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

/** Escapes text for an HTML text node or a double-quoted attribute. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON for a `<script type="application/json">` island; `<` is escaped so no `</script>` can end it. */
function jsonIsland(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The chat page: a message log, a composer and a language button. The script fills in the rest;
 * the UI strings of every language travel along as a JSON island (data only, not executed).
 */
export function chatPageHtml(opts: {
  language: string;
  dir: "ltr" | "rtl";
  strings: Record<string, WebUiStrings>;
  current: WebUiStrings;
  /** Show the notice that requests reach nobody (no coordinator channel configured). */
  demo?: boolean;
  map?: MapConfig;
}): string {
  const ui = opts.current;
  return `<!doctype html>
<html lang="${escapeHtml(opts.language)}" dir="${opts.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(ui.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/chat.css">
<script type="module" src="/chat.js"></script>
</head>
<body>
<div class="app">
<header class="bar">
<h1 id="title">${escapeHtml(ui.title)}</h1>
<button type="button" id="language" class="lang"><span aria-hidden="true">🌐</span> <span id="language-label">${escapeHtml(ui.language)}</span></button>
${opts.demo ? `<p id="demo-notice" class="demo" role="note">${escapeHtml(ui.demoNotice)}</p>\n` : ""}</header>
<main class="log-wrap" id="log-wrap">
<div id="log-region" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="title">
<ol id="log" class="log"></ol>
</div>
</main>
<form id="composer" class="composer" autocomplete="off" aria-labelledby="message-label">
<label for="message" id="message-label" class="sr-only">${escapeHtml(ui.placeholder)}</label>
<input id="message" name="message" type="text" enterkeyhint="send" placeholder="${escapeHtml(ui.placeholder)}">
<button type="submit" id="send">${escapeHtml(ui.send)}</button>
</form>
</div>
<script type="application/json" id="ui-strings">${jsonIsland(opts.strings)}</script>
${opts.map ? `<script type="application/json" id="map-config">${jsonIsland(opts.map)}</script>\n` : ""}
</body>
</html>
`;
}
