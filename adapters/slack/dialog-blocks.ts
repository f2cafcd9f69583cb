import type { types } from "@slack/bolt";
import type { Reply } from "../../bot/types.js";
import { escapeMrkdwn, SECTION_TEXT_MAX, truncate } from "../../core/mrkdwn.js";

type KnownBlock = types.KnownBlock;

/** action_id of a dialog button (the choice id is its value); `:<n>` keeps ids unique in a block. */
export const DIALOG_CHOICE = "dialog_choice";
/** action_id prefix of a link button (Slack opens the URL; the click is only acknowledged). */
export const DIALOG_LINK = "dialog_link";

/** Slack's limits: 75 characters of button text, 25 elements per actions block, 50 blocks a message. */
const BUTTON_TEXT_MAX = 75;
const ACTIONS_MAX = 25;
const BLOCKS_MAX = 50;

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(escapeMrkdwn(text), SECTION_TEXT_MAX) } };
}

const buttonText = (label: string) => ({
  type: "plain_text" as const,
  text: truncate(label, BUTTON_TEXT_MAX),
  emoji: true,
});

/** A URL Slack accepts on a button. */
const isButtonUrl = (url: string) => /^https?:\/\/[^\s<>|]+$/.test(url) && url.length <= 3000;

/**
 * The dialog engine's replies as one Block Kit message: texts as escaped mrkdwn sections, choices
 * as buttons (action_id `dialog_choice`, value = choice id), links as URL buttons, a location as a
 * map link; a request for the location becomes its text only (Slack cannot share one: the person
 * types the postcode or place). `text` is the notification fallback.
 */
export function renderDialogBlocks(replies: Reply[]): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  const texts: string[] = [];
  let n = 0;
  for (const r of replies) {
    switch (r.type) {
      case "text":
      case "request_location":
        blocks.push(section(r.text));
        texts.push(r.text);
        break;
      case "choices":
        if (r.text) blocks.push(section(r.text));
        texts.push(r.text);
        for (let i = 0; i < r.choices.length; i += ACTIONS_MAX) {
          blocks.push({
            type: "actions",
            elements: r.choices.slice(i, i + ACTIONS_MAX).map((c) => ({
              type: "button" as const,
              action_id: `${DIALOG_CHOICE}:${n++}`,
              value: c.id,
              text: buttonText(c.label),
            })),
          });
        }
        break;
      case "links": {
        if (r.text) blocks.push(section(r.text));
        texts.push(r.text);
        const usable = r.links.filter((l) => isButtonUrl(l.url)).slice(0, ACTIONS_MAX);
        if (usable.length > 0) {
          blocks.push({
            type: "actions",
            elements: usable.map((l) => ({
              type: "button" as const,
              action_id: `${DIALOG_LINK}:${n++}`,
              url: l.url,
              text: buttonText(l.label),
            })),
          });
        }
        break;
      }
      case "location": {
        const map = `https://www.openstreetmap.org/?mlat=${r.lat}&mlon=${r.lon}#map=16/${r.lat}/${r.lon}`;
        blocks.push({
          type: "section",
          text: {
            type: "mrkdwn",
            text: `📍 *${escapeMrkdwn(r.title)}*\n${escapeMrkdwn(r.address)}\n<${map}|OpenStreetMap>`,
          },
        });
        texts.push(`${r.title}, ${r.address}`);
        break;
      }
    }
  }
  return {
    text: truncate(texts.filter((t) => t).join("\n"), SECTION_TEXT_MAX),
    blocks: blocks.slice(0, BLOCKS_MAX),
  };
}
