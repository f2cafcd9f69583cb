/**
 * The chat page's script (entry point of the bundle served as /chat.js). It renders every server
 * string with textContent only, talks to `POST /api/chat`, restores the conversation the server
 * remembers, and polls for coordinators' replies (announced by Web Push when the tab is closed).
 */
import { byId, sleep, uuid } from "./dom.js";
import {
  addItem,
  addText,
  addUser,
  disableOldButtons,
  log,
  note,
  scrollToEnd,
  setBusy,
} from "./message-log.js";
import { offerPush } from "./push-offer.js";
import { cardChoiceIds, type ReplyActions, renderReply, renderStatus } from "./render-reply.js";
import { applyChrome, page, ui } from "./ui-text.js";
import type {
  HistoryResponse,
  InboxMessage,
  TurnResponse,
  WireChoice,
  WireEvent,
  WireReply,
} from "./wire-types.js";

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
      const label = button.textContent ?? "";
      addUser(label.startsWith("📍") ? label : `📍 ${label}`);
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
  setBusy(true);
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
    else if (res.status === 503) {
      // The database is briefly away: the server says so in the family's language.
      const data = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      note(data.error?.message || ui("error"));
    } else if (!res.ok) note(ui("error"));
    else {
      const data = (await res.json()) as TurnResponse;
      if (!data.duplicate) {
        if (data.cleared) log.replaceChildren();
        if (typeof data.language === "string") page.language = data.language;
        page.dir = data.dir === "rtl" ? "rtl" : "ltr";
        applyChrome();
        const meta = { lang: page.language, dir: page.dir };
        if (data.status) {
          firstItem = renderStatus(data.status, meta);
        } else {
          const replies = data.replies ?? [];
          const asCards = cardChoiceIds(replies);
          for (const reply of replies) {
            const out = renderReply(reply, meta, actions, asCards);
            firstItem = firstItem ?? out.li;
            firstButton = firstButton ?? out.first;
          }
        }
        offerPush(data.offerPush);
      }
    }
  } catch {
    note(ui("error"));
  } finally {
    busy = false;
    setBusy(false);
  }
  if (firstItem) firstItem.scrollIntoView({ block: "start" });
  else scrollToEnd();
  if (opts.focusNext) (firstButton ?? input).focus({ preventScroll: true });
}

/** An inbox message as a bot reply: text, or a question with its buttons. */
function inboxReply(m: { text: string; choices?: WireChoice[] }): WireReply {
  return m.choices?.length
    ? { type: "choices", text: m.text, choices: m.choices }
    : { type: "text", text: m.text };
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
      renderReply(inboxReply(m), { lang: page.language, dir: page.dir }, actions);
      scrollToEnd();
    }
  } catch {
    // offline for a moment; the next poll catches up
  }
}
setInterval(pollInbox, 10000);
// Back from another tab or app (e.g. after a notification): look for replies right away.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") void pollInbox();
});

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
 * Shows the conversation the server remembers (a reload, or a return after closing the tab) and
 * the request's status; only the buttons of the newest bot turn stay live. Returns false when
 * there is nothing to restore.
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
  let asCards = new Set<string>();
  for (const item of items) {
    if (item.kind === "user") {
      addUser(item.text);
      live = [];
      asCards = new Set();
    } else if (item.kind === "bot") {
      page.language = item.lang;
      page.dir = item.dir === "rtl" ? "rtl" : "ltr";
      for (const id of cardChoiceIds([item.reply])) asCards.add(id);
      const out = renderReply(item.reply, { lang: item.lang, dir: page.dir }, actions, asCards);
      live.push(...out.li.querySelectorAll<HTMLButtonElement>(".actions button"));
    } else {
      const out = renderReply(inboxReply(item), { lang: page.language, dir: page.dir }, actions);
      // A question from the service stays answerable until the person answers it.
      if (item.choices?.length) live.push(...out.li.querySelectorAll<HTMLButtonElement>(".actions button"));
    }
  }
  inboxAfter = Math.max(inboxAfter, data.inboxAfter ?? 0);
  disableOldButtons();
  for (const b of live) b.disabled = false;
  applyChrome();
  if (data.status) renderStatus(data.status, { lang: page.language, dir: page.dir });
  offerPush(data.offerPush);
  scrollToEnd();
  (live[0] ?? input).focus({ preventScroll: true });
  return true;
}

applyChrome();
void restore().then((restored) => {
  if (!restored) {
    void send({ type: "command", command: "start" }, { focusNext: true, language: navigator.language });
  }
});
