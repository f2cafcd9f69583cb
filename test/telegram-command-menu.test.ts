import { describe, expect, it } from "vitest";
import { commandMenu, commandMenus } from "../adapters/telegram/command-menu.js";
import { LOCALES } from "../bot/locales.js";

const COMMANDS = ["start", "language", "restart", "mydata", "delete"];

describe("the Telegram command menu", () => {
  it("lists the same commands in every locale, each with a description in that language", () => {
    for (const { code } of LOCALES) {
      const menu = commandMenu(code);
      expect(
        menu.map((c) => c.command),
        code,
      ).toEqual(COMMANDS);
      for (const c of menu) expect(c.description.length, `${code} /${c.command}`).toBeGreaterThan(2);
    }
    expect(commandMenu("de").find((c) => c.command === "delete")?.description).toBe("alles löschen");
    expect(commandMenu("ar").find((c) => c.command === "language")?.description).toMatch(/[\u0600-\u06FF]/);
  });

  it("sets one menu per two-letter language plus the German default", () => {
    const menus = commandMenus();
    expect(menus[0]?.languageCode).toBeUndefined();
    const codes = menus.slice(1).map((m) => m.languageCode);
    expect(codes).toContain("ar");
    expect(codes).toContain("uk");
    expect(codes).not.toContain("prs");
    expect(codes.every((c) => /^[a-z]{2}$/.test(c ?? ""))).toBe(true);
  });
});
