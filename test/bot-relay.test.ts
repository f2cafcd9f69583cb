import { describe, expect, it } from "vitest";
import { translator } from "../bot/i18n.js";
import { maskContactDetails } from "../core/contact-mask.js";
import type { Handoff } from "../core/handoff.js";
import { mrkdwnToPlain } from "../core/mrkdwn.js";
import { allText, choiceIds } from "./support/bot-fixtures.js";
import { type Journey, journeyAt } from "./support/journey.js";

const de = translator("de");
const PROJECT = "Lesepaten Ehrenfeld";

/** A family at the relay step after a chat handoff; the journey keeps the handoff as the adapter would. */
function chatInRelay(): { chat: Journey; handoff: Handoff } {
  const chat = journeyAt("relay");
  const [handoff] = chat.handoffs;
  if (!handoff) throw new Error("no handoff");
  expect(chat.session?.flow).toEqual({
    step: "relay",
    projectId: "lesepaten-ehrenfeld",
    handoffId: handoff.id,
  });
  chat.sees(de("relay.intro", { project: PROJECT }));
  return { chat, handoff };
}

describe("relay: the requester talks to the coordinator through the assistant", () => {
  it("emits relay_to_handoff for typed text, with phone and email masked", () => {
    const { chat, handoff } = chatInRelay();
    let r = chat.say("Wann geht es los? 50667 passt.").last;
    expect(r.effects).toEqual([
      { type: "relay_to_handoff", handoffId: handoff.id, text: "Wann geht es los? 50667 passt." },
    ]);
    expect(allText(r)).toBe(de("relay.sent"));
    r = chat.say("Ruf an: 0170 1234567 oder papa@example.org").last;
    expect(r.effects).toEqual([
      { type: "relay_to_handoff", handoffId: handoff.id, text: "Ruf an: […] oder […]" },
    ]);
    expect(allText(r)).toBe(de("relay.sentMasked"));
    expect(r.session?.flow.step).toBe("relay");
  });

  it("says so when the person leaves the relay, and the way back works", () => {
    const { chat, handoff } = chatInRelay();
    let r = chat.command("restart").last;
    expect(r.replies[0]).toEqual({
      type: "choices",
      text: de("relay.left", { project: PROJECT }),
      choices: [{ id: `relay:${handoff.id}`, label: de("relay.resume") }],
    });
    expect(r.effects).toEqual([]);
    r = chat.tap(`relay:${handoff.id}`).last;
    expect(r.session?.flow.step).toBe("relay");
    r = chat.tap("results:back").last;
    expect(allText(r)).toContain(de("relay.left", { project: PROJECT }));
    expect(r.session?.flow.step).not.toBe("relay");
  });

  it("ends when the handoff is closed: nothing is relayed any more", () => {
    const { chat, handoff } = chatInRelay();
    handoff.state = "done";
    const r = chat.say("Hallo?").last;
    expect(r.effects).toEqual([]);
    expect(allText(r)).toContain(de("relay.ended", { project: PROJECT }));
    expect(r.session?.flow.step).toBe("handoff_sent");
    expect(choiceIds(r)).not.toContain(`relay:${handoff.id}`);
  });

  it("never offers the relay for a phone handoff", () => {
    const chat = journeyAt("handoff_sent");
    expect(chat.handoffs[0]?.contactMethod).toBe("phone");
    expect(chat.say("noch eine Frage").last.effects).toEqual([]);
  });
});

describe("contact masking and Slack text for requesters", () => {
  it("masks phone numbers and emails but not postcodes, dates or times", () => {
    expect(maskContactDetails("Tel. +49 (0)221 / 123 45-67, Mail a.b@c-d.de").text).toBe(
      "Tel. […], Mail […]",
    );
    const keep = "PLZ 50667, am 12.05.2025 um 14:30, 3 Kinder, Zimmer 0815";
    expect(maskContactDetails(keep)).toEqual({ text: keep, masked: false });
  });
  it("turns Slack mrkdwn into plain text without mentions", () => {
    expect(
      mrkdwnToPlain(
        "Hi <@U123> <!here>, see <https://x.example/a|our page> &amp; <mailto:a@b.de|a@b.de> &lt;3",
      ),
    ).toBe("Hi, see our page (https://x.example/a) & a@b.de <3");
  });
});
