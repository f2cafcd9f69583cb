import { describe, expect, it } from "vitest";
import { createLogger } from "../adapters/logger.js";
import { answerSearchCommand } from "../adapters/slack/search-command.js";
import { MAX_INPUT_CHARS, sanitizeInput } from "../bot/sanitize-input.js";
import { parseSearchCommand } from "../core/search-command.js";
import { capText } from "../core/text-cap.js";
import { realData } from "./support/real-data.js";

describe("length caps before any text processing", () => {
  it("cuts without splitting a surrogate pair and says whether it cut", () => {
    expect(capText("abc", 5)).toEqual({ text: "abc", capped: false });
    expect(capText("ab😀cd", 3)).toEqual({ text: "ab", capped: true });
    expect(capText(undefined)).toEqual({ text: "", capped: false });
  });

  it("the dialog reads a megabyte of text as its first 1,000 characters and says it was cut", () => {
    const r = sanitizeInput(`Hallo ${"x".repeat(1_000_000)}`);
    expect(r.truncated).toBe(true);
    expect(Array.from(r.text)).toHaveLength(MAX_INPUT_CHARS);
    // Mostly characters that are stripped: still reported as cut, never processed in full.
    const stripped = sanitizeInput(`${"\u200E".repeat(100_000)}Hallo`);
    expect(stripped).toEqual({ text: "", truncated: true });
  });

  it("/paten with 12,000 characters is answered from the place at its start", async () => {
    const { gazetteer, catalogue } = await realData();
    const long = `Köln ${"Hausaufgaben und Lesen ".repeat(600)}`.slice(0, 12_000);
    expect(long).toHaveLength(12_000);
    const cmd = parseSearchCommand(long, gazetteer);
    expect(cmd.kind).toBe("search");
    if (cmd.kind === "search") {
      expect(cmd.origin.place).toBe("Köln");
      expect(cmd.interest.length).toBeLessThan(200);
    }
    const answer = answerSearchCommand(long, {
      gazetteer,
      catalogue: () => catalogue,
      logger: createLogger("silent"),
    });
    expect(answer.text).toContain("Köln");
    // A place name hidden behind more than six words is not searched for.
    expect(parseSearchCommand(`a b c d e f g Köln`, gazetteer).kind).toBe("not_found");
  });
});
