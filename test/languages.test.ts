import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { FSI, PDI } from "../bot/bidi.js";
import { RESOURCES, translator } from "../bot/i18n.js";
import { directionOf, LOCALES } from "../bot/locales.js";
import type { Session } from "../bot/session.js";
import type { StepDeps, StepResult } from "../bot/types.js";
import { understandingTables } from "../bot/understanding-tables.js";
import { FocusAreaSchema } from "../core/focus.js";
import { interestToFocus } from "../core/interest.js";
import { choiceIds, NOW } from "./support/bot-fixtures.js";
import { type Journey, journey } from "./support/journey.js";
import { realData } from "./support/real-data.js";

type Tree = { [key: string]: string | Tree };

/** Every key stem of German ("results.header" for "results.header_one"), to spot raw keys in replies. */
function keyStems(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === "string" ? [key.replace(/_(zero|one|two|few|many|other)$/, "")] : keyStems(v, key);
  });
}
const RAW_KEYS = [...new Set(keyStems(RESOURCES.de as Tree))];

function texts(r: StepResult<Session>): string[] {
  return r.replies.flatMap((x) => {
    if (x.type === "choices") return [x.text, ...x.choices.map((c) => c.label)];
    if (x.type === "links") return [x.text, ...x.links.map((l) => l.label)];
    if (x.type === "request_location") return [x.text, x.buttonLabel];
    if (x.type === "location") return [x.title];
    return [x.text];
  });
}

/** Every text non-empty, no {{placeholder}} and no raw key left. */
function expectTranslated(r: StepResult<Session>, code: string): void {
  expect(r.language).toBe(code);
  expect(r.dir).toBe(directionOf(code));
  for (const text of texts(r)) {
    expect(text.trim(), code).not.toBe("");
    expect(text, code).not.toContain("{{");
    const raw = RAW_KEYS.find((k) => text.includes(k));
    expect(raw, `${code}: raw key in "${text}"`).toBeUndefined();
  }
}

let deps: () => StepDeps;
beforeAll(async () => {
  const { gazetteer, catalogue } = await realData();
  deps = () => {
    let n = 0;
    return { gazetteer, catalogue, now: () => NOW, newId: () => `l-${++n}`, handoffs: [] };
  };
});

function chatIn(platformLanguage: string): Journey {
  return journey(deps(), { channel: "telegram", channelUserId: `u-${platformLanguage}`, platformLanguage });
}

describe.each(LOCALES.map((l) => l.code))("locale %s", (code) => {
  it("maps what families type to the right focus area", () => {
    const path = `test/fixtures/interest-phrases/${code}.json`;
    expect(existsSync(path), path).toBe(true);
    const phrases = JSON.parse(readFileSync(path, "utf8")) as { text: string; focus: string }[];
    expect(phrases.length).toBeGreaterThanOrEqual(5);
    for (const { text, focus } of phrases) {
      FocusAreaSchema.parse(focus);
      expect(interestToFocus(text, understandingTables(), [code]), `${code}: "${text}"`).toContain(focus);
    }
  });

  it("runs the whole family journey by buttons with every text translated", () => {
    expect(RESOURCES[code], `locales/${code}.json not wired in`).toBeDefined();
    const chat = chatIn(code);
    const steps: StepResult<Session>[] = [chat.command("start").last];
    steps.push(
      chat.tap("role:family").last,
      chat.tap("age:6-9").last,
      chat.tap("focus:reading").last,
      chat.say("50667").last,
    );
    const project = choiceIds(chat.last).find((id) => id.startsWith("proj:"));
    expect(project, code).toBeDefined();
    steps.push(chat.tap(project as string).last);
    steps.push(chat.tap((project as string).replace("proj:", "contact:")).last);
    steps.push(chat.tap("consent:yes").last, chat.tap("way:chat").last, chat.tap("msg:skip").last);
    for (const r of steps) expectTranslated(r, code);
    const last = chat.last;
    const effect = last.effects[0];
    expect(effect?.type).toBe("create_handoff");
    const name =
      effect?.type === "create_handoff" ? chat.deps.catalogue.get(effect.handoff.projectId)?.name : undefined;
    expect(name).toBeDefined();
    const confirmation = translator(code)("handoff.sent", { project: name });
    expect(
      texts(last).some((t) => t.startsWith(confirmation)),
      code,
    ).toBe(true);
  });
});

describe("an Arabic-speaking family", () => {
  it("gets the journey in Arabic, right to left, with Latin names isolated", () => {
    const chat = chatIn("ar");
    let r = chat.command("start").last;
    expect(r.language).toBe("ar");
    expect(r.dir).toBe("rtl");
    expect(texts(r).join(" ")).toMatch(/\p{Script=Arabic}/u);
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:school");
    r = chat.say("٥٠٦٦٧").last;
    expect(chat.session?.answers.origin?.label).toMatch(/^50667 /);
    const all = texts(r).join("\n");
    expect(all).toContain(`${FSI}50667 Köln`);
    expect(all.split(FSI).length).toBe(all.split(PDI).length);
  });

  it("reads Persian digits in a Persian session", () => {
    const chat = chatIn("fa");
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:10-13");
    chat.tap("focus:any");
    chat.say("۵۰۶۶۷");
    expect(chat.session?.answers.origin?.label).toMatch(/^50667 /);
  });
});
