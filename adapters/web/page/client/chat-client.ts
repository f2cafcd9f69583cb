/**
 * The chat page's script (entry point of the bundle served as /chat.js). It renders every server
 * string with textContent only and talks to `POST /api/chat`.
 */
import { byId, sleep, uuid } from "./dom.js";
import { addItem, addText, addUser, disableOldButtons, log, note, scrollToEnd } from "./message-log.js";
import { type ReplyActions, renderReply } from "./render-reply.js";
import { applyChrome, page, ui } from "./ui-text.js";
import type { HistoryResponse, InboxMessage, TurnResponse, WireChoice, WireEvent } from "./wire-types.js";

const form = byId<HTMLFormElement>("composer");
const input = byId<HTMLInputElement>("message");
const languageButton = byId<HTMLButtonElement>("language");
let busy = false;

const actions: ReplyActions = { onChoice, onShareLocation: shareLocation };

function onChoice(button: HTMLButtonElement, choice: WireChoice): void {
  if (busy) return;
  disableOldButtons();
  button.setAttribute("aria-pressed", "true");
  addUser(choice.label);
  void send({ type: "choice", id: choice.id }, { focusNext: true });
}

function shareLocation(button: HTMLButtonElement): void {
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
      addUser(`📍 ${button.textContent ?? ""}`);
      void send(
        { type: "location", lat: pos.coords.latitude, lon: pos.coords.longitude },
        { focusNext: true },
      );
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

/** Sends one event and renders the answer; a lost request is retried with the same message id. */
async function send(event: WireEvent, opts: { focusNext: boolean; language?: string }): Promise<void> {
  busy = true;
  log.setAttribute("aria-busy", "true");
  const pending = addItem("note pending");
  addText(pending, "…");
  const body: { event: WireEvent; clientMessageId: string; language?: string } = {
    event,
    clientMessageId: uuid(),
  };
  if (opts.language) body.language = opts.language;
  let res: Response | null = null;
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
  let firstItem: HTMLLIElement | null = null;
  let firstButton: HTMLButtonElement | null = null;
  try {
    if (!res) note(ui("error"));
    else if (res.status === 429) note(ui("tooFast"));
    else if (!res.ok) note(ui("error"));
    else {
      const data = (await res.json()) as TurnResponse;
      if (!data.duplicate) {
        if (data.cleared) log.replaceChildren();
        if (typeof data.language === "string") page.language = data.language;
        page.dir = data.dir === "rtl" ? "rtl" : "ltr";
        applyChrome();
        for (const reply of data.replies ?? []) {
          const out = renderReply(reply, { lang: page.language, dir: page.dir }, actions);
          firstItem = firstItem ?? out.li;
          firstButton = firstButton ?? out.first;
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
  else scrollToEnd();
  if (opts.focusNext) (firstButton ?? input).focus({ preventScroll: true });
}

/** Polls for news from coordinators and shows them as bot messages. */
let inboxAfter = 0;
async function pollInbox(): Promise<void> {
  try {
    const res = await fetch(`/api/chat/inbox?after=${inboxAfter}`, { credentials: "same-origin" });
    if (!res.ok) return;
    const data = (await res.json()) as { messages?: InboxMessage[] };
    for (const m of data.messages ?? []) {
      inboxAfter = Math.max(inboxAfter, m.id);
      renderReply({ type: "text", text: m.text }, { lang: page.language, dir: page.dir }, actions);
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

/**
 * Shows the conversation the server remembers (a reload, or a return after closing the tab); only
 * the buttons of the newest bot turn stay live. Returns false when there is nothing to restore.
 */
async function restore(): Promise<boolean> {
  let data: HistoryResponse;
  try {
    const res = await fetch("/api/chat/history", { credentials: "same-origin" });
    if (!res.ok) return false;
    data = (await res.json()) as HistoryResponse;
  } catch {
    return false;
  }
  const items = data.items ?? [];
  if (items.length === 0) return false;
  let live: HTMLButtonElement[] = [];
  for (const item of items) {
    if (item.kind === "user") {
      addUser(item.text);
      live = [];
    } else if (item.kind === "bot") {
      page.language = item.lang;
      page.dir = item.dir === "rtl" ? "rtl" : "ltr";
      const out = renderReply(item.reply, { lang: item.lang, dir: page.dir }, actions);
      live.push(...out.li.querySelectorAll<HTMLButtonElement>(".actions button"));
    } else {
      renderReply({ type: "text", text: item.text }, { lang: page.language, dir: page.dir }, actions);
    }
  }
  inboxAfter = Math.max(inboxAfter, data.inboxAfter ?? 0);
  disableOldButtons();
  for (const b of live) b.disabled = false;
  applyChrome();
  scrollToEnd();
  (live[0] ?? input).focus({ preventScroll: true });
  return true;
}

applyChrome();
void restore().then((restored) => {
  if (!restored)
    void send({ type: "command", command: "start" }, { focusNext: true, language: navigator.language });
});
