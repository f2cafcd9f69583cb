import { describe, expect, it } from "vitest";
import { understandingTables } from "../bot/understanding-tables.js";
import { detectLanguage as detectWith } from "../core/detect-language.js";

const detectLanguage = (text: string) => detectWith(text, understandingTables());

const first = (text: string) => detectLanguage(text)?.languages[0];

describe("detectLanguage", () => {
  it("tells Arabic, Persian, Pashto and Sorani apart in short phrases by their letters", () => {
    expect(detectLanguage("واجبات مدرسية")?.languages).toEqual(["ar"]);
    expect(detectLanguage("ابني يحتاج مساعدة")?.languages).toEqual(["ar"]);
    expect(detectLanguage("پسرم کمک می‌خواهد")?.languages).toEqual(["fa", "prs"]);
    expect(detectLanguage("زما زوی مرستې ته اړتیا لري")?.languages).toEqual(["ps"]);
    expect(detectLanguage("ښوونځی")?.languages).toEqual(["ps"]);
    expect(detectLanguage("کورەکەم یارمەتی دەوێت")?.languages).toEqual(["ckb"]);
    expect(detectLanguage("خوێندنەوە")?.languages).toEqual(["ckb"]);
  });

  it("keeps every candidate when an Arabic-script word has no telling letter", () => {
    expect(detectLanguage("سلام")?.languages).toEqual(["ar", "fa", "prs"]);
  });

  it("tells Ukrainian, Russian and Bulgarian apart", () => {
    expect(detectLanguage("Моїй доньці потрібна допомога з домашнім завданням")?.languages).toEqual(["uk"]);
    expect(detectLanguage("Привіт")?.languages).toEqual(["uk"]);
    expect(detectLanguage("Моему сыну нужна помощь с домашним заданием")?.languages).toEqual(["ru"]);
    expect(detectLanguage("Моей дочери нужна помощь с домашним заданием")?.languages).toEqual(["ru"]);
    expect(detectLanguage("Син любить футбол, хоче ходити на гурток")?.languages).toEqual(["uk"]);
    expect(detectLanguage("Добрий день")?.languages).toEqual(["uk", "ru"]);
    expect(detectLanguage("Мой сын ищет наставника, это возможно?")?.languages).toEqual(["ru"]);
    expect(detectLanguage("Дъщеря ми има нужда от помощ с домашните")?.languages).toEqual(["bg"]);
    expect(detectLanguage("Здраво, тражим помоћ за сина")?.languages).toEqual(["hr"]);
  });

  it("knows Greek and Ge'ez by their script", () => {
    expect(first("Η κόρη μου χρειάζεται βοήθεια")).toBe("el");
    expect(first("ጓለይ ሓገዝ የድልያ")).toBe("ti");
  });

  it("recognises Latin-script languages by letters or, for longer texts, statistics", () => {
    expect(first("ödev yardımı")).toBe("tr");
    expect(first("Con gái tôi cần giúp làm bài tập về nhà")).toBe("vi");
    expect(first("Vajza ime ka nevojë për ndihmë me detyrat")).toBe("sq");
    expect(first("Keça min alîkariyê dixwaze")).toBe("ku");
    expect(first("Moja córka potrzebuje pomocy w odrabianiu lekcji")).toBe("pl");
    expect(first("Córka chce lepiej czytać po niemiecku")).toBe("pl");
    expect(first("Fiica mea are nevoie de ajutor la teme")).toBe("ro");
    expect(first("Mia figlia ha bisogno di aiuto con i compiti")).toBe("it");
    expect(first("Mi hija necesita ayuda con los deberes")).toBe("es");
    expect(first("Ma fille a besoin d'aide pour les devoirs")).toBe("fr");
    expect(first("Gabadhayda waxay u baahan tahay caawimaad xagga shaqada guriga")).toBe("so");
    expect(first("my daughter needs help with homework")).toBe("en");
    expect(first("Meine Tochter braucht Hilfe bei den Hausaufgaben")).toBe("de");
  });

  it("says nothing about postcodes, place names and short words", () => {
    for (const text of [
      "50667",
      "50667 Köln",
      "Köln",
      "I live in Köln, 50667",
      "Hausaufgaben",
      "ok",
      "٥٠٦٦٧",
      "name@example.org",
    ]) {
      expect(detectLanguage(text), text).toBeUndefined();
    }
  });
});
