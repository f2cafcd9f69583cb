import { describe, expect, it } from "vitest";
import {
  contactKey,
  findContactDetails,
  maskContactDetails,
  maskKnownContactDetails,
} from "../core/contact-mask.js";

describe("contact masking", () => {
  it("masks phone numbers in their usual German and international forms", () => {
    for (const phone of [
      "0221 1234567",
      "+49 170 1234567",
      "0170/123 45 67",
      "(0221) 123-4567",
      "+4917012345678",
    ]) {
      expect(maskContactDetails(`Ruf an: ${phone}!`).text).toBe("Ruf an: […]!");
    }
  });

  it("masks emails without eating the sentence's full stop", () => {
    expect(maskContactDetails("Schreib an mama.nowak@example.org.").text).toBe("Schreib an […].");
    expect(maskContactDetails("<a@b.de>, x_y+z@mail.example.com; ok").text).toBe("<[…]>, […]; ok");
  });

  it("keeps short numbers, postcodes, dates and things that only look like an address", () => {
    const keep = "PLZ 50667, am 12.05.2025 um 14:30, Zimmer 0815, Tel 0221 12, @here, a@b, foo@bar.c";
    expect(maskContactDetails(keep)).toEqual({ text: keep, masked: false });
    expect(findContactDetails("abc0221 1234567")).toEqual([]);
  });

  it("finds each detail once, emails before phones, in order", () => {
    const text = "0170 1234567 oder mail 0170123@example.de dann +49 221 9876543";
    expect(findContactDetails(text).map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ["phone", "0170 1234567"],
      ["email", "0170123@example.de"],
      ["phone", "+49 221 9876543"],
    ]);
  });

  it("masks a coordinator's text only where it repeats the requester's own details", () => {
    const text = "Unser Büro: 0221 555 0000. Ich rufe Sie unter +49 170 1234567 an oder mama@Example.org";
    const r = maskKnownContactDetails(text, ["0170 1234567", "MAMA@example.org"]);
    expect(r).toEqual({
      text: "Unser Büro: 0221 555 0000. Ich rufe Sie unter […] an oder […]",
      masked: true,
    });
    expect(maskKnownContactDetails(text, [])).toEqual({ text, masked: false });
    expect(contactKey("0049 170 1234567")).toBe(contactKey("+49 (170) 123-4567"));
  });

  it("stays linear on texts built to make a backtracking pattern quadratic", () => {
    const hostile = [
      "a".repeat(40_000),
      "+ ".repeat(20_000),
      "0 ".repeat(20_000),
      "@a".repeat(20_000),
      "a.".repeat(20_000),
    ];
    for (const text of hostile) {
      const r = maskContactDetails(text);
      expect(r.text.length).toBeLessThanOrEqual(text.length);
    }
    // 20,000 separate spaced digits form one long run, which is one (very long) "number".
    expect(maskContactDetails("0 ".repeat(20_000)).text).toBe("[…] ");
  });
});
