import { describe, expect, it } from "vitest";
import { languagesToOffer } from "../bot/flows/language-offer.js";

describe("which language is offered first", () => {
  it.each([
    ["ابني عنده ١٦ سنة ويبحث عن Ausbildung في هامبورغ", "ar"],
    ["Ищу наставника для сына, ему 14, живем в Дрездене", "ru"],
    ["шукаю наставника для сина, йому 13, Дюссельдорф", "uk"],
    ["Търся ментор за сина си, той е на 13 години, Дортмунд", "bg"],
    ["دخترم صنف سوم مکتب است و در ریاضی مشکل دارد، دورتموند", "prs"],
    ["دخترم ۸ ساله است و برای تکالیف مدرسه کمک می‌خواد، ساکن کلن هستیم", "fa"],
    ["ibni 10 snin w bde musa3ade bil madrase, Essen", "ar"],
    ["pesaram 7 salesh hast va almani balad nist, dar Essen zendegi mikonim", "fa"],
    ["Chcę zostać mentorem dla dziecka, mieszkam we Frankfurcie nad Menem", "pl"],
    // ć is Croatian as much as Polish; the words decide.
    ["sin ide u treći razred i treba pomoć sa zadaćom", "hr"],
    // Turkish without its letters, but with a suffix after a place name's apostrophe.
    ["slm ben 16 yasindayim ausbildung yeri ariyorum Bochum'dayım", "tr"],
  ])("offers the right language first for %s", (text, code) => {
    expect(languagesToOffer(text, "de")[0]).toBe(code);
  });

  it.each([
    "Nguyễn Văn An, 16 Jahre, suche Praktikum in Stuttgart",
    "Wir sind neu in Deutschland. Ayşe und ich wohnen in Hamm",
    "Ionuț braucht Hilfe bei den Hausaufgaben, er ist 9",
  ])("offers nothing for German with a name in special letters: %s", (text) => {
    expect(languagesToOffer(text, "de")).toEqual([]);
  });

  it("offers nothing when the text is in the session's language", () => {
    expect(languagesToOffer("Моему сыну 9 лет, нужна помощь с чтением", "ru")).toEqual([]);
    expect(languagesToOffer("دخترم صنف سوم مکتب است", "prs")).toEqual([]);
  });
});
