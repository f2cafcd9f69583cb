import { describe, expect, it } from "vitest";
import { normaliseDigits, normalisePostcodeInput } from "../core/postcode-input.js";

describe("normaliseDigits", () => {
  it("converts Arabic-Indic, Persian and fullwidth digits to ASCII", () => {
    expect(normaliseDigits("٥٠٦٦٧")).toBe("50667");
    expect(normaliseDigits("۵۰۶۶۷")).toBe("50667");
    expect(normaliseDigits("５０６６７")).toBe("50667");
    expect(normaliseDigits("PLZ ٠١٠٦٧ Dresden")).toBe("PLZ 01067 Dresden");
  });

  it("leaves other text alone", () => {
    expect(normaliseDigits("Köln 50667")).toBe("Köln 50667");
  });
});

describe("normalisePostcodeInput", () => {
  it.each([
    ["50667", "50667"],
    ["  50667 ", "50667"],
    ["50 667", "50667"],
    ["50.667", "50667"],
    ["D-50667", "50667"],
    ["D 50667", "50667"],
    ["DE-50667", "50667"],
    ["de50667", "50667"],
    ["٥٠٦٦٧", "50667"],
    ["۵۰۶۶۷", "50667"],
    ["５０６６７", "50667"],
    ["01067", "01067"],
    ["50667 Köln", "50667"],
    ["00000", "00000"],
  ])("accepts %j as %s", (raw, digits) => {
    expect(normalisePostcodeInput(raw)).toEqual({ digits });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["5066", "too_short"],
    ["1067", "too_short"],
    ["506671", "too_long"],
    ["abc", "not_digits"],
    ["50a67", "not_digits"],
    ["A-1010", "foreign"],
    ["AT-1010", "foreign"],
    ["CH-8001", "foreign"],
    ["1010 Wien", "foreign"],
    ["8001 Zürich", "foreign"],
    ["1012 AB", "foreign"],
    ["00-950", "foreign"],
    ["SW1A 1AA", "foreign"],
    ["M1 1AE", "foreign"],
    ["F-75001", "foreign"],
  ])("refuses %j as %s", (raw, error) => {
    expect(normalisePostcodeInput(raw)).toEqual({ error });
  });

  it("does not mistake a dropped leading zero with a German place for a foreign postcode", () => {
    expect(normalisePostcodeInput("1067 Dresden")).toEqual({ error: "too_short" });
  });
});
