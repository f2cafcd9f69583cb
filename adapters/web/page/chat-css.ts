/** The chat page's stylesheet: phone first, logical properties so right-to-left languages mirror. */
export const CHAT_CSS = `*, *::before, *::after { box-sizing: border-box; }
:root {
  color-scheme: light;
  --bg: #f4f5f7; --fg: #1b1d21; --muted: #5b6270; --bot: #ffffff; --user: #0b5cad; --user-fg: #ffffff;
  --accent: #0b5cad; --accent-soft: #e5effa; --border: #cfd5de; --focus: #f0a500;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  font-size: 17px; line-height: 1.45;
}
html, body { margin: 0; block-size: 100%; background: var(--bg); color: var(--fg); }
.app { display: flex; flex-direction: column; block-size: 100dvh; max-inline-size: 42rem; margin-inline: auto; background: var(--bg); }
.bar { display: flex; align-items: center; gap: 0.5rem; padding-block: 0.5rem; padding-inline: 1rem; background: var(--accent); color: #fff; }
.bar h1 { flex: 1; margin: 0; font-size: 1.15rem; }
.lang { min-block-size: 44px; min-inline-size: 44px; padding-inline: 0.75rem; border: 1px solid rgba(255,255,255,0.7); border-radius: 22px; background: transparent; color: #fff; font: inherit; cursor: pointer; }
.log-wrap { position: relative; flex: 1; min-block-size: 0; overflow-y: auto; padding: 1rem; }
.log { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.6rem; }
.msg { position: relative; max-inline-size: 85%; padding-block: 0.55rem; padding-inline: 0.8rem; border-radius: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.bot { align-self: flex-start; background: var(--bot); border: 1px solid var(--border); border-end-start-radius: 0.25rem; }
.msg.user { align-self: flex-end; background: var(--user); color: var(--user-fg); border-end-end-radius: 0.25rem; }
.msg.note { align-self: center; background: transparent; color: var(--muted); font-size: 0.9rem; text-align: center; }
.msg.pending { color: var(--muted); }
.msg p { margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.45rem; margin-block-start: 0.55rem; }
.actions button, .actions a, .composer button {
  display: inline-flex; align-items: center; justify-content: center; min-block-size: 44px; min-inline-size: 44px;
  padding-block: 0.4rem; padding-inline: 0.9rem; border-radius: 22px; font: inherit; text-align: center;
  cursor: pointer; text-decoration: none;
}
.actions button, .actions a { border: 1px solid var(--accent); background: var(--accent-soft); color: var(--accent); }
.actions button:hover:not(:disabled), .actions a:hover { background: #d3e3f6; }
.actions button:disabled { cursor: default; opacity: 0.55; }
.actions button[aria-pressed="true"] { opacity: 1; background: var(--accent); color: #fff; }
.composer { display: flex; gap: 0.5rem; padding: 0.6rem; border-block-start: 1px solid var(--border); background: #fff; }
.composer input { flex: 1; min-inline-size: 0; min-block-size: 44px; padding-inline: 0.8rem; border: 1px solid var(--border); border-radius: 22px; font: inherit; }
.composer button { border: 0; background: var(--accent); color: #fff; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.composer input::placeholder { font-size: 0.88em; color: var(--muted); }
.demo { flex-basis: 100%; margin: 0; padding-block: 0.3rem; padding-inline: 0.6rem; border-radius: 0.4rem; background: #fff4cc; color: #4a3b00; font-size: 0.9rem; }
.bar { flex-wrap: wrap; }
.msg.results { max-inline-size: 100%; inline-size: 100%; }
.actions.cards { flex-direction: column; flex-wrap: nowrap; list-style: none; margin-block-end: 0; padding: 0; }
.actions .card {
  display: flex; flex-direction: column; align-items: stretch; gap: 0.15rem; inline-size: 100%;
  padding-block: 0.6rem; padding-inline: 0.8rem; border-radius: 0.75rem; text-align: start;
  background: #fff; color: var(--fg); border: 1px solid var(--border); white-space: normal;
}
.actions .card:hover:not(:disabled) { background: var(--accent-soft); }
.card-title { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.1rem 0.6rem; }
.card-name { font-weight: 600; color: var(--accent); }
.card-where, .card-line { color: var(--muted); font-size: 0.92rem; }
.card-focus { font-size: 1.1rem; letter-spacing: 0.15rem; }
.card-more { align-self: flex-end; color: var(--accent); font-size: 0.92rem; font-weight: 600; }
.msg.status { align-self: stretch; max-inline-size: 100%; background: #fff; border: 2px solid var(--accent); }
.msg.status[data-state="taken"] { border-color: #1e7a3c; }
.push { display: flex; justify-content: center; }
.push button { min-block-size: 44px; padding-inline: 0.9rem; border: 1px solid var(--accent); border-radius: 22px; background: #fff; color: var(--accent); font: inherit; cursor: pointer; }
a.contact { color: inherit; }
.result-map { margin-block: 0.5rem 0; margin-inline: 0; }
.map-frame { position: relative; inline-size: 340px; max-inline-size: 100%; block-size: 180px; overflow: hidden; border-radius: 0.6rem; border: 1px solid var(--border); background: #e8ecef; direction: ltr; }
.map-tile { position: absolute; max-inline-size: none; }
.map-pin { position: absolute; transform: translate(-50%, -100%); min-inline-size: 1.5rem; padding-inline: 0.3rem; border-radius: 0.75rem; background: var(--accent); color: #fff; font-size: 0.8rem; font-weight: 700; text-align: center; }
.map-pin.origin { transform: translate(-50%, -50%); background: #c2410c; }
.map-attribution { font-size: 0.75rem; color: var(--muted); }
bdi { unicode-bidi: isolate; }
@media (prefers-reduced-motion: no-preference) { .log-wrap { scroll-behavior: smooth; } }
`;
