/**
 * The chat page's script, plain modern JavaScript served as-is (no build step). It renders every
 * server string with textContent only and talks to `POST /api/chat`.
 */
// biome-ignore lint/complexity/noUselessStringRaw: backslashes in the script must reach the browser verbatim.
export const CHAT_CLIENT_JS = String.raw`"use strict";
const uiAll = JSON.parse(document.getElementById("ui-strings")?.textContent || "{}");
const log = document.getElementById("log");
const logWrap = log.parentElement;
const form = document.getElementById("composer");
const input = document.getElementById("message");
const sendButton = document.getElementById("send");
const languageButton = document.getElementById("language");
let language = document.documentElement.lang || "de";
let dir = document.documentElement.dir === "rtl" ? "rtl" : "ltr";
let busy = false;

/** A chrome string in the current language (German, then the key, as fallback). */
function ui(key) {
  const table = uiAll[language] || uiAll[language.split("-")[0]] || uiAll.de || {};
  return table[key] || (uiAll.de && uiAll.de[key]) || key;
}

/** Applies the current language and direction to the page and its own strings. */
function applyChrome() {
  document.documentElement.lang = language;
  document.documentElement.dir = dir;
  document.title = ui("title");
  document.getElementById("title").textContent = ui("title");
  document.getElementById("language-label").textContent = ui("language");
  document.getElementById("message-label").textContent = ui("placeholder");
  input.placeholder = ui("placeholder");
  sendButton.textContent = ui("send");
}

/** A random UUID v4; crypto.randomUUID exists only in secure contexts. */
function uuid() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Appends one message bubble; kind is "bot", "user" or "note". */
function addItem(kind, meta) {
  const li = document.createElement("li");
  li.className = "msg " + kind;
  if (meta && meta.lang) li.lang = meta.lang;
  li.dir = meta && meta.dir ? meta.dir : "auto";
  if (kind === "bot" || kind === "user") {
    const who = document.createElement("span");
    who.className = "sr-only";
    who.textContent = (kind === "user" ? ui("you") : ui("assistant")) + ": ";
    li.append(who);
  }
  log.append(li);
  return li;
}

function addText(li, text) {
  const p = document.createElement("p");
  p.textContent = String(text ?? "");
  li.append(p);
}

function note(text) {
  const li = addItem("note");
  addText(li, text);
  logWrap.scrollTop = logWrap.scrollHeight;
  return li;
}

function addUser(text) {
  const li = addItem("user");
  addText(li, text);
  logWrap.scrollTop = logWrap.scrollHeight;
}

/** Only web, mail and phone links are rendered as links. */
function safeUrl(url) {
  try {
    const u = new URL(String(url), location.href);
    return ["http:", "https:", "mailto:", "tel:"].includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function externalLink(href, label) {
  const a = document.createElement("a");
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.textContent = label;
  return a;
}

function actionsRow(kind) {
  const row = document.createElement("div");
  row.className = "actions " + kind;
  return row;
}

/** Choice and location buttons of earlier replies stop working once the user has moved on. */
function disableOldButtons() {
  for (const b of log.querySelectorAll(".actions button")) b.disabled = true;
}

function onChoice(button, choice) {
  if (busy) return;
  disableOldButtons();
  button.setAttribute("aria-pressed", "true");
  addUser(choice.label);
  void send({ type: "choice", id: choice.id }, { focusNext: true });
}

function shareLocation(button) {
  if (busy) return;
  if (!("geolocation" in navigator)) {
    note(ui("locationUnavailable"));
    input.focus();
    return;
  }
  button.disabled = true;
  const waiting = note(ui("locating"));
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      waiting.remove();
      disableOldButtons();
      button.setAttribute("aria-pressed", "true");
      addUser("📍 " + button.textContent);
      void send({ type: "location", lat: pos.coords.latitude, lon: pos.coords.longitude }, { focusNext: true });
    },
    () => {
      waiting.remove();
      button.disabled = false;
      note(ui("locationUnavailable"));
      input.focus();
    },
    { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
  );
}

/** Renders one reply of the bot as a bubble; returns the first button it made, if any. */
function renderReply(r, meta) {
  const li = addItem("bot", meta);
  let first = null;
  if (r.type === "choices") {
    addText(li, r.text);
    const row = actionsRow("choices");
    row.setAttribute("role", "group");
    for (const c of r.choices || []) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = c.label;
      b.addEventListener("click", () => onChoice(b, c));
      row.append(b);
      first = first || b;
    }
    li.append(row);
  } else if (r.type === "links") {
    addText(li, r.text);
    const row = actionsRow("links");
    for (const l of r.links || []) {
      const href = safeUrl(l.url);
      if (href) row.append(externalLink(href, l.label));
      else addText(li, l.label);
    }
    li.append(row);
  } else if (r.type === "location") {
    const lat = Number(r.lat);
    const lon = Number(r.lon);
    const label = "📍 " + [r.title, r.address].filter(Boolean).join(", ");
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      const href = "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon;
      const row = actionsRow("map");
      row.append(externalLink(href, label));
      li.append(row);
    } else {
      addText(li, label);
    }
  } else if (r.type === "request_location") {
    addText(li, r.text);
    const row = actionsRow("locate");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = r.buttonLabel;
    b.addEventListener("click", () => shareLocation(b));
    row.append(b);
    li.append(row);
    first = b;
  } else {
    addText(li, r.text);
  }
  return { li, first };
}

/** Sends one event and renders the answer; a lost request is retried with the same message id. */
async function send(event, opts) {
  busy = true;
  log.setAttribute("aria-busy", "true");
  const pending = addItem("note pending");
  addText(pending, "…");
  const body = { event, clientMessageId: uuid() };
  if (opts.language) body.language = opts.language;
  let res = null;
  for (let attempt = 0; attempt < 3 && !res; attempt++) {
    try {
      res = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(body),
      });
    } catch {
      await sleep(700 * (attempt + 1));
    }
  }
  pending.remove();
  let firstItem = null;
  let firstButton = null;
  try {
    if (!res) note(ui("error"));
    else if (res.status === 429) note(ui("tooFast"));
    else if (res.status === 503) {
      const data = await res.json().catch(() => ({}));
      note((data.error && data.error.message) || ui("error"));
    } else if (!res.ok) note(ui("error"));
    else {
      const data = await res.json();
      if (!data.duplicate) {
        if (typeof data.language === "string") language = data.language;
        dir = data.dir === "rtl" ? "rtl" : "ltr";
        applyChrome();
        for (const reply of data.replies || []) {
          const out = renderReply(reply, { lang: language, dir });
          firstItem = firstItem || out.li;
          firstButton = firstButton || out.first;
        }
      }
    }
  } catch {
    note(ui("error"));
  } finally {
    busy = false;
    log.setAttribute("aria-busy", "false");
  }
  if (firstItem) firstItem.scrollIntoView({ block: "start" });
  else logWrap.scrollTop = logWrap.scrollHeight;
  if (opts.focusNext) (firstButton || input).focus({ preventScroll: true });
}

/** Polls for news from coordinators (the web chat has no push) and shows them as bot messages. */
let inboxAfter = 0;
async function pollInbox() {
  try {
    const res = await fetch("/api/chat/inbox?after=" + inboxAfter, { credentials: "same-origin" });
    if (!res.ok) return;
    const data = await res.json();
    for (const m of data.messages || []) {
      inboxAfter = Math.max(inboxAfter, m.id);
      renderReply({ type: "text", text: m.text }, { lang: language, dir });
    }
  } catch {
    // offline for a moment; the next poll catches up
  }
}
setInterval(pollInbox, 10000);

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = input.value;
  if (busy || text.trim() === "") return;
  input.value = "";
  disableOldButtons();
  addUser(text);
  void send({ type: "text", text }, { focusNext: false });
});

languageButton.addEventListener("click", () => {
  if (busy) return;
  disableOldButtons();
  void send({ type: "command", command: "language" }, { focusNext: true });
});

applyChrome();
void send({ type: "command", command: "start" }, { focusNext: true, language: navigator.language });
`;
