import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dialogDoc, dialogMermaid } from "../bot/dialog/graph.js";
import { STEPS } from "../bot/dialog/steps.js";

describe("the dialog diagram", () => {
  it("docs/dialog.md is what `npm run dialog:graph` writes from the table (run it after changing a step)", () => {
    expect(readFileSync("docs/dialog.md", "utf8")).toBe(dialogDoc());
  });

  it("draws every step of the table, with what it asks", () => {
    const diagram = dialogMermaid();
    for (const [step, spec] of Object.entries(STEPS)) {
      expect(diagram).toContain(`  ${step}: ${step} — ${spec.summary}`);
    }
    expect(diagram).toContain("  consent --> contact_way: consent:…, typed text");
  });
});
