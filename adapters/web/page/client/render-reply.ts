import { el, externalLink, safeUrl } from "./dom.js";
import { addItem, addText } from "./message-log.js";
import type { WireChoice, WireReply } from "./wire-types.js";

/** What a rendered reply's buttons do; the page wires them to sending. */
export interface ReplyActions {
  onChoice: (button: HTMLButtonElement, choice: WireChoice) => void;
  onShareLocation: (button: HTMLButtonElement) => void;
}

function actionsRow(kind: string): HTMLDivElement {
  return el("div", `actions ${kind}`);
}

/** Renders one reply of the bot as a bubble; returns it and the first button it made, if any. */
export function renderReply(
  r: WireReply,
  meta: { lang: string; dir: string },
  actions: ReplyActions,
): { li: HTMLLIElement; first: HTMLButtonElement | null } {
  const li = addItem("bot", meta);
  let first: HTMLButtonElement | null = null;
  if (r.type === "choices") {
    addText(li, r.text);
    const row = actionsRow("choices");
    row.setAttribute("role", "group");
    for (const c of r.choices ?? []) {
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
