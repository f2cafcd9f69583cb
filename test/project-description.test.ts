import { describe, expect, it } from "vitest";
import { FSI, PDI } from "../bot/bidi.js";
import { createCtx } from "../bot/context.js";
import { translator } from "../bot/i18n.js";
import { renderDetails } from "../bot/render-results.js";
import { newSession } from "../bot/session.js";
import { type Project, ProjectSchema } from "../core/project.js";
import { chooseDescription } from "../core/project-description.js";
import { makeDeps, NOW, PEER, PROJECTS } from "./support/bot-fixtures.js";

const [withEnglish, germanOnly] = PROJECTS as [Project, Project];
const withArabic: Project = {
  ...withEnglish,
  descriptions: { ar: { short: "القراءة مع المرشدين", long: "يقرأ متطوعون مع الأطفال كل أسبوع." } },
};

function details(project: Project, language: string): string {
  const ctx = createCtx(newSession(language, NOW), PEER, makeDeps());
  return renderDetails(ctx, project, 1.2);
}

describe("project descriptions in the family's language", () => {
  it("accepts a descriptions map per language in the catalogue schema", () => {
    expect(ProjectSchema.safeParse(withArabic).success).toBe(true);
    const bad = { ...withArabic, descriptions: { Arabic: { short: "x", long: "y" } } };
    expect(ProjectSchema.safeParse(bad).success).toBe(false);
  });

  it("picks the reader's language, else English for non-German readers, else German", () => {
    expect(chooseDescription(withArabic, "ar").language).toBe("ar");
    expect(chooseDescription(withArabic, "tr")).toMatchObject({
      language: "en",
      long: withEnglish.descriptionEn,
    });
    expect(chooseDescription(germanOnly, "tr")).toMatchObject({
      language: "de",
      long: germanOnly.description,
    });
    expect(chooseDescription(withEnglish, "de").language).toBe("de");
    expect(chooseDescription(withEnglish, "de-simple").language).toBe("de");
  });

  it("shows the Arabic text to an Arabic reader, unmarked", () => {
    const text = details(withArabic, "ar");
    expect(text).toContain("يقرأ متطوعون مع الأطفال كل أسبوع.");
    expect(text).not.toContain(translator("ar")("webchat.inGerman"));
  });

  it("shows English (isolated in right-to-left text) when there is no text in the reader's language", () => {
    expect(details(withEnglish, "tr")).toContain(withEnglish.descriptionEn);
    expect(details(withEnglish, "fa")).toContain(`${FSI}${withEnglish.descriptionEn}${PDI}`);
  });

  it("marks the German original as German in the reader's language when nothing else exists", () => {
    const uk = details(germanOnly, "uk");
    expect(uk).toContain(`${germanOnly.description} ${translator("uk")("webchat.inGerman")}`);
    expect(details(germanOnly, "de")).not.toContain(translator("de")("webchat.inGerman"));
  });
});
