import type { Project } from "../core/project.js";
import { chooseDescription } from "../core/project-description.js";
import type { RankedProject } from "../core/ranking-types.js";
import { isolate } from "./bidi.js";
import type { Ctx } from "./context.js";
import { formatKm, joinList, languageName } from "./i18n.js";
import { directionOf } from "./locales.js";
import type { ResultCard } from "./types.js";

export { joinList } from "./i18n.js";

const MAX_DESCRIPTION = 600;

/** Renders one machine reason tag (`distance`, `focus:<id>`, `general`, `age`, `language:<code>`, `volunteers`, `time`). */
export function renderReason(ctx: Ctx, reason: string, distanceKm: number): string | undefined {
  const lang = ctx.session.language;
  const [kind, value] = reason.split(":", 2);
  switch (kind) {
    case "distance":
      return ctx.t("reason.distance", { km: formatKm(distanceKm, lang) });
    case "focus":
      return value ? ctx.t(`focus.${value}`) : undefined;
    case "age":
      return ctx.t("reason.age");
    case "language":
      return value ? ctx.t("reason.language", { language: languageName(value, lang) }) : undefined;
    case "volunteers":
      return ctx.t("reason.volunteers");
    case "general":
      return ctx.t("focus.mentoring");
    case "time":
      return ctx.t("reason.time");
    default:
      return undefined;
  }
}

/** Renders one caveat tag (`age-from:<n>`, `age-to:<n>`, `hours:<n>`). */
export function renderCaveat(ctx: Ctx, caveat: string): string | undefined {
  const [kind, value] = caveat.split(":", 2);
  switch (kind) {
    case "age-from":
      return ctx.t("caveat.ageFrom", { age: value });
    case "age-to":
      return ctx.t("caveat.ageTo", { age: value });
    case "hours":
      return ctx.t("caveat.hours");
    default:
      return undefined;
  }
}

/** The languages a project speaks, named in the reader's language. */
export function projectLanguages(ctx: Ctx, p: Project): string {
  return joinList(
    p.languages.map((code) => languageName(code, ctx.session.language)),
    ctx.session.language,
  );
}

/** One result as a few short lines: number, name, distance, place, why it fits, languages. */
export function renderResult(ctx: Ctx, r: RankedProject, position: number): string {
  const lang = ctx.session.language;
  const reasons = r.reasons
    .map((reason) => renderReason(ctx, reason, r.distanceKm))
    .filter((x): x is string => x !== undefined);
  const lines = [
    ctx.t("results.item", {
      n: position,
      name: r.project.name,
      place: r.project.place,
      km: formatKm(r.distanceKm, lang),
    }),
  ];
  if (reasons.length > 0) lines.push(ctx.t("results.why", { reasons: joinList(reasons, lang) }));
  const caveats = (r.caveats ?? [])
    .map((caveat) => renderCaveat(ctx, caveat))
    .filter((x): x is string => x !== undefined);
  if (caveats.length > 0) lines.push(ctx.t("results.caveats", { caveats: joinList(caveats, lang) }));
  lines.push(ctx.t("results.languages", { languages: projectLanguages(ctx, r.project) }));
  if (ctx.session.role === "volunteer" && r.project.volunteers.hoursPerWeek !== undefined) {
    lines.push(ctx.t("volunteer.hoursNeeded", { count: r.project.volunteers.hoursPerWeek }));
  }
  return lines.join("\n");
}

/** A focus label's leading icon and the rest ("📚 Lesen und Sprache" → 📚, "Lesen und Sprache"). */
function splitIcon(label: string): { icon: string; label: string } {
  const m = /^(\P{L}+?)\s+(.+)$/u.exec(label);
  return m?.[1] && m[2] ? { icon: m[1], label: m[2] } : { icon: "•", label };
}

/** One result as a card: the same facts as `renderResult`, as fields a card can lay out. */
export function resultCard(ctx: Ctx, r: RankedProject, position: number, choiceId: string): ResultCard {
  const lang = ctx.session.language;
  const dir = directionOf(lang);
  const reasons = r.reasons
    .map((reason) => renderReason(ctx, reason, r.distanceKm))
    .filter((x): x is string => x !== undefined);
  const lines = [ctx.t("details.ages", { min: r.project.ageMin, max: r.project.ageMax })];
  lines.push(ctx.t("results.languages", { languages: projectLanguages(ctx, r.project) }));
  if (reasons.length > 0) lines.push(ctx.t("results.why", { reasons: joinList(reasons, lang) }));
  if (ctx.session.role === "volunteer" && r.project.volunteers.hoursPerWeek !== undefined) {
    lines.push(ctx.t("volunteer.hoursNeeded", { count: r.project.volunteers.hoursPerWeek }));
  }
  return {
    choiceId,
    position,
    name: r.project.name,
    where: `${isolate(r.project.place, dir)}, ${formatKm(r.distanceKm, lang)}`,
    focus: r.project.focus.map((f) => splitIcon(ctx.t(`focus.${f}`))),
    lines,
    lat: r.project.lat,
    lon: r.project.lon,
  };
}

function cut(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/** The details of one project: description, who it is for, languages, address, distance, volunteer needs. */
export function renderDetails(ctx: Ctx, p: Project, distanceKm: number | undefined): string {
  const lang = ctx.session.language;
  const chosen = chooseDescription(p, lang);
  const dir = directionOf(lang);
  const data = (text: string) => isolate(text, dir);
  // A text in another language than the reader's is isolated and, when German, marked as such.
  const foreign = chosen.language !== lang && !(lang === "de-simple" && chosen.language === "de");
  const description = foreign ? data(cut(chosen.long, MAX_DESCRIPTION)) : cut(chosen.long, MAX_DESCRIPTION);
  const marked =
    foreign && chosen.language === "de" ? `${description} ${ctx.t("webchat.inGerman")}` : description;
  const lines = [data(p.name), data(p.organisation), "", marked, ""];
  lines.push(ctx.t("details.ages", { min: p.ageMin, max: p.ageMax }));
  lines.push(
    ctx.t("details.focus", {
      focus: joinList(
        p.focus.map((f) => ctx.t(`focus.${f}`)),
        lang,
      ),
    }),
  );
  lines.push(ctx.t("results.languages", { languages: projectLanguages(ctx, p) }));
  lines.push(ctx.t("details.address", { address: projectAddress(p) }));
  if (distanceKm !== undefined) lines.push(ctx.t("details.distance", { km: formatKm(distanceKm, lang) }));
  lines.push(ctx.t("details.free"));
  if (ctx.session.role === "volunteer") {
    const v = p.volunteers;
    if (v.hoursPerWeek !== undefined) lines.push(ctx.t("volunteer.hoursNeeded", { count: v.hoursPerWeek }));
    if (v.certificateOfConduct) lines.push(ctx.t("volunteer.certificate"));
    if (v.notes) lines.push(data(cut(v.notes, 300)));
  }
  return lines.join("\n");
}

/** The postal address of a project as one line. */
export function projectAddress(p: Project): string {
  return [p.address, `${p.postcode} ${p.place}`].filter(Boolean).join(", ");
}
