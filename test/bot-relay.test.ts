import { describe, expect, it } from "vitest";
import { translator } from "../bot/i18n.js";
import { maskContactDetails } from "../core/contact-mask.js";
import type { Handoff, NewHandoff } from "../core/handoff.js";
import { mrkdwnToPlain } from "../core/mrkdwn.js";
import { allText, Chat, choiceIds, makeDeps, NOW } from "./support/bot-fixtures.js";

const de = translator("de");
const PROJECT = "Lesepaten Ehrenfeld";

/** A family at the relay step after a chat handoff; `handoffs` is what the adapter would read. */
function chatInRelay(): { chat: Chat; handoff: Handoff } {
  const handoffs: Handoff[] = [];
  const chat = new Chat(makeDeps(handoffs));
  chat.command("start");
  chat.tap("role:family");
  chat.tap("age:10-13");
  chat.tap("focus:reading");
  chat.text("50667");
  chat.tap("proj:lesepaten-ehrenfeld");
  chat.tap("contact:lesepaten-ehrenfeld");
  chat.tap("consent:yes");
  chat.tap("way:chat");
  const r = chat.tap("msg:skip");
  const effect = r.effects.find((e) => e.type === "create_handoff");
  if (effect?.type !== "create_handoff") throw new Error("no handoff");
  const handoff: Handoff = { ...(effect.handoff as NewHandoff), state: "open", updatedAt: NOW.toISOString() };
  handoffs.push(handoff);
  expect(r.session?.flow).toEqual({ step: "relay", projectId: "lesepaten-ehrenfeld", handoffId: handoff.id });
  expect(allText(r)).toContain(de("relay.intro", { project: PROJECT }));
  return { chat, handoff };
}

describe("relay: the requester talks to the coordinator through the assistant", () => {
  it("emits relay_to_handoff for typed text, with phone and email masked", () => {
    const { chat, handoff } = chatInRelay();
    let r = chat.text("Wann geht es los? 50667 passt.");
    expect(r.effects).toEqual([
      { type: "relay_to_handoff", handoffId: handoff.id, text: "Wann geht es los? 50667 passt." },
    ]);
    expect(allText(r)).toBe(de("relay.sent"));
    r = chat.text("Ruf an: 0170 1234567 oder papa@example.org");
    expect(r.effects).toEqual([
      { type: "relay_to_handoff", handoffId: handoff.id, text: "Ruf an: […] oder […]" },
    ]);
    expect(allText(r)).toBe(de("relay.sentMasked"));
    expect(r.session?.flow.step).toBe("relay");
  });

  it("says so when the person leaves the relay, and the way back works", () => {
    const { chat, handoff } = chatInRelay();
    let r = chat.command("restart");
    expect(r.replies[0]).toEqual({
      type: "choices",
      text: de("relay.left", { project: PROJECT }),
      choices: [{ id: `relay:${handoff.id}`, label: de("relay.resume") }],
    });
    expect(r.effects).toEqual([]);
    r = chat.tap(`relay:${handoff.id}`);
    expect(r.session?.flow.step).toBe("relay");
    r = chat.tap("results:back");
    expect(allText(r)).toContain(de("relay.left", { project: PROJECT }));
    expect(r.session?.flow.step).not.toBe("relay");
  });

  it("ends when the handoff is closed: nothing is relayed any more", () => {
    const { chat, handoff } = chatInRelay();
    handoff.state = "done";
    const r = chat.text("Hallo?");
    expect(r.effects).toEqual([]);
    expect(allText(r)).toContain(de("relay.ended", { project: PROJECT }));
    expect(r.session?.flow.step).toBe("handoff_sent");
    expect(choiceIds(r)).not.toContain(`relay:${handoff.id}`);
  });

  it("never offers the relay for a phone handoff", () => {
    const chat = new Chat();
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:10-13");
    chat.tap("focus:reading");
    chat.text("50667");
    chat.tap("proj:lesepaten-ehrenfeld");
    chat.tap("contact:lesepaten-ehrenfeld");
    chat.tap("consent:yes");
    chat.tap("way:phone");
    chat.text("+49 170 1234567");
    const r = chat.tap("msg:skip");
    expect(r.session?.flow.step).toBe("handoff_sent");
    expect(chat.text("noch eine Frage").effects).toEqual([]);
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
