import { el } from "./dom.js";
import { ui } from "./ui-text.js";
import type { WireCard, WireChoice } from "./wire-types.js";

/**
 * Search results as cards: name, place and distance, focus icons, ages, languages, why it fits;
 * the whole card is one button that opens the project's details.
 */
export function renderCards(
  li: HTMLElement,
  cards: readonly WireCard[],
  onOpen: (button: HTMLButtonElement, choice: WireChoice) => void,
): HTMLButtonElement | null {
  const list = el("ul", "actions cards");
  list.setAttribute("aria-label", ui("results"));
  let first: HTMLButtonElement | null = null;
  for (const card of cards) {
    const item = el("li");
    const button = el("button", "card");
    button.type = "button";
    const title = el("span", "card-title");
    title.append(el("span", "card-name", `${card.position}. ${card.name}`));
    title.append(el("span", "card-where", card.where));
    button.append(title);
    const focus = el("span", "card-focus");
    for (const f of card.focus) {
      const icon = el("span", "card-icon", f.icon);
      icon.setAttribute("aria-hidden", "true");
      icon.title = f.label;
      focus.append(icon, el("span", "sr-only", `${f.label}; `));
    }
    button.append(focus);
    for (const line of card.lines) button.append(el("span", "card-line", line));
    const more = el("span", "card-more", `${ui("showDetails")} ›`);
    more.setAttribute("aria-hidden", "true");
    button.append(more);
    const choice = { id: card.choiceId, label: `${card.position}. ${card.name}` };
    button.addEventListener("click", () => onOpen(button, choice));
    item.append(button);
    list.append(item);
    first = first ?? button;
  }
  li.append(list);
  return first;
}
