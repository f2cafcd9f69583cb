import { renderCards } from "./cards.js";
import { el, externalLink, safeUrl } from "./dom.js";
import { addItem, addText } from "./message-log.js";
import { renderResultMap } from "./result-map.js";
import type { WireChoice, WireReply, WireStatus } from "./wire-types.js";

/** What a rendered reply's buttons do; the page wires them to sending. */
export interface ReplyActions {
  onChoice: (button: HTMLButtonElement, choice: WireChoice) => void;
  onShareLocation: (button: HTMLButtonElement) => void;
}

function actionsRow(kind: string): HTMLDivElement {
  return el("div", `actions ${kind}`);
}

/** The button ids the cards of these replies already offer (their list buttons are not drawn twice). */
export function cardChoiceIds(replies: readonly WireReply[]): Set<string> {
  const ids = new Set<string>();
  for (const r of replies) {
    if (r.type === "text" && r.cards) for (const c of r.cards.items) ids.add(c.choiceId);
  }
  return ids;
}

/**
 * Renders one reply of the bot as a bubble; returns it and the first button it made, if any.
 * Buttons whose id is in `shownAsCards` are left out (the cards above open the same details).
 */
export function renderReply(
  r: WireReply,
  meta: { lang: string; dir: string },
  actions: ReplyActions,
  shownAsCards: ReadonlySet<string> = new Set(),
): { li: HTMLLIElement; first: HTMLButtonElement | null } {
  const li = addItem("bot", meta);
  let first: HTMLButtonElement | null = null;
  if (r.type === "text" && r.cards && r.cards.items.length > 0) {
    if (r.cards.intro) addText(li, r.cards.intro);
    li.classList.add("results");
    renderResultMap(li, r.cards.items, r.cards.origin);
    first = renderCards(li, r.cards.items, actions.onChoice);
  } else if (r.type === "choices") {
    addText(li, r.text);
    const row = actionsRow("choices");
    row.setAttribute("role", "group");
    for (const c of r.choices ?? []) {
      if (shownAsCards.has(c.id)) continue;
      const b = el("button", undefined, c.label);
      b.type = "button";
      b.addEventListener("click", () => actions.onChoice(b, c));
      row.append(b);
      first = first ?? b;
    }
    li.append(row);
  } else if (r.type === "links") {
    addText(li, r.text);
    const row = actionsRow("links");
    for (const l of r.links ?? []) {
      const href = safeUrl(l.url);
      if (href) row.append(externalLink(href, l.label));
      else addText(li, l.label);
    }
    li.append(row);
  } else if (r.type === "location") {
    const lat = Number(r.lat);
    const lon = Number(r.lon);
    const label = `📍 ${[r.title, r.address].filter(Boolean).join(", ")}`;
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
      const row = actionsRow("map");
      row.append(externalLink(href, label));
      li.append(row);
    } else {
      addText(li, label);
    }
  } else if (r.type === "request_location") {
    addText(li, r.text);
    const row = actionsRow("locate");
    const b = el("button", undefined, r.buttonLabel);
    b.type = "button";
    b.addEventListener("click", () => actions.onShareLocation(b));
    row.append(b);
    li.append(row);
    first = b;
  } else {
    addText(li, r.text);
  }
  return { li, first };
}

/** The request's status as a card ("Deine Anfrage an … · übernommen von … · letzte Nachricht …"). */
export function renderStatus(status: WireStatus, meta: { lang: string; dir: string }): HTMLLIElement {
  const li = addItem("status", meta);
  li.dataset.state = status.state;
  const title = el("p", "status-title");
  title.append(el("strong", undefined, status.title));
  li.append(title);
  for (const line of status.lines) addText(li, line);
  return li;
}
