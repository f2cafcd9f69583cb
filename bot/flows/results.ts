import { distanceKm } from "../../core/geo.js";
import type { Project } from "../../core/project.js";
import type { RankResult } from "../../core/ranking-types.js";
import { ask, type Ctx, choice, say } from "../context.js";
import { formatKm } from "../i18n.js";
import { projectAddress, renderDetails, renderResult, resultCard } from "../render-results.js";
import { showServiceOffice } from "./info.js";
import { originLabel } from "./location.js";

/** Projects per page. */
export const PAGE_SIZE = 3;
/** The radius asked for first; the catalogue widens it when too few projects are inside. */
export const SEARCH_RADIUS_KM = 10;
/** Longest project id put on a button directly; longer ones go by their index in `results.shown`. */
const MAX_ID_ON_BUTTON = 48;

/** How many long ids a session keeps for `#<index>` buttons; beyond that the list starts afresh. */
const MAX_LONG_IDS = 50;

/** A short button reference to a project: its id, or `#<index>` into `results.shown` for long ids. */
export function projectRef(ctx: Ctx, id: string): string {
  if (id.length <= MAX_ID_ON_BUTTON) return id;
  const shown = ctx.session.results.shown;
  let index = shown.indexOf(id);
  if (index < 0) {
    if (shown.length >= MAX_LONG_IDS) shown.length = 0;
    index = shown.push(id) - 1;
  }
  return `#${index}`;
}

/** The project a button reference points to, if it still exists. */
export function resolveRef(ctx: Ctx, ref: string): Project | undefined {
  const id = ref.startsWith("#") ? ctx.session.results.shown[Number(ref.slice(1))] : ref;
  return id === undefined ? undefined : ctx.deps.catalogue.get(id);
}

function search(ctx: Ctx, offset: number): RankResult | undefined {
  const s = ctx.session;
  const origin = s.answers.origin;
  if (!origin) return undefined;
  const volunteer = s.role === "volunteer";
  const spoken = s.volunteer.languages.find((l) => l !== "de");
  const band = /^(\d+)-(\d+)$/.exec(s.answers.ageBand ?? "");
  return ctx.deps.catalogue.rank({
    origin: { lat: origin.lat, lon: origin.lon },
    focus: s.answers.focus && s.answers.focus.length > 0 ? s.answers.focus : undefined,
    age: volunteer ? undefined : s.answers.age,
    ageBand: volunteer || !band ? undefined : { min: Number(band[1]), max: Number(band[2]) },
    hoursPerWeek: volunteer ? s.volunteer.hoursPerWeek : undefined,
    role: volunteer ? "volunteer" : "family",
    language: volunteer ? spoken : s.language,
    radiusKm: SEARCH_RADIUS_KM,
    limit: PAGE_SIZE,
    offset,
  });
}

/** Shows the current page of results, or, when nothing is near, the widened search and the service office. */
export function showResults(ctx: Ctx): void {
  const s = ctx.session;
  const lang = s.language;
  s.flow = { step: "results" };
  let result = search(ctx, s.results.offset);
  if (result && result.total > 0 && result.results.length === 0 && s.results.offset > 0) {
    s.results.offset = 0;
    result = search(ctx, 0);
  }
  if (!result) return;
  const place = originLabel(ctx);
  if (result.total === 0) {
    say(ctx, ctx.t("results.none", { km: formatKm(result.radiusKm, lang), place }));
    showServiceOffice(ctx);
    ask(ctx, ctx.t("results.noneNext"), [
      choice("loc:change", ctx.t("results.changePlace")),
      choice("menu:restart", ctx.t("results.newSearch")),
    ]);
    return;
  }
  const offset = s.results.offset;
  const intro: string[] = [];
  if (offset === 0) {
    if (result.widened) {
      intro.push(
        ctx.t("results.widened", {
          requested: formatKm(SEARCH_RADIUS_KM, lang),
          km: formatKm(result.radiusKm, lang),
        }),
      );
    }
    intro.push(ctx.t("results.header", { count: result.total, place, km: formatKm(result.radiusKm, lang) }));
    if (s.role === "volunteer") intro.push(ctx.t("volunteer.usually"));
  }
  const items = result.results.map((r, i) => renderResult(ctx, r, offset + i + 1));
  const end = offset + result.results.length;
  const range = ctx.t("results.range", { from: offset + 1, to: end, count: result.total });
  const refs = result.results.map((r) => `proj:${projectRef(ctx, r.project.id)}` as const);
  // Adapters that draw cards (the web chat) use `cards`; the others show the text.
  ctx.replies.push({
    type: "text",
    text: [...intro, ...items].join("\n\n"),
    cards: {
      intro: intro.join("\n\n"),
      items: result.results.map((r, i) => resultCard(ctx, r, offset + i + 1, refs[i] ?? "")),
      ...(s.answers.origin ? { origin: { lat: s.answers.origin.lat, lon: s.answers.origin.lon } } : {}),
    },
  });
  const choices = result.results.map((r, i) =>
    choice(
      `proj:${projectRef(ctx, r.project.id)}`,
      ctx.t("results.detailsButton", { n: offset + i + 1, name: r.project.name }),
    ),
  );
  if (end < result.total) choices.push(choice("more", ctx.t("results.more")));
  choices.push(choice("menu:restart", ctx.t("results.newSearch")));
  ask(ctx, range, choices);
}

/** Shows the next page of results. */
export function showMore(ctx: Ctx): void {
  ctx.session.results.offset += PAGE_SIZE;
  showResults(ctx);
}

/** Shows one project: details, a location pin, its website, and the buttons to contact it or go back. */
export function showDetails(ctx: Ctx, project: Project): void {
  const s = ctx.session;
  s.flow = { step: "details", projectId: project.id };
  const origin = s.answers.origin;
  const km = origin ? Math.round(distanceKm(origin, project) * 10) / 10 : undefined;
  say(ctx, renderDetails(ctx, project, km));
  ctx.replies.push({
    type: "location",
    lat: project.lat,
    lon: project.lon,
    title: project.name,
    address: projectAddress(project),
  });
  if (project.contact.website) {
    ctx.replies.push({
      type: "links",
      text: ctx.t("details.websiteText"),
      links: [{ label: ctx.t("details.website"), url: project.contact.website }],
    });
  }
  const ref = projectRef(ctx, project.id);
  const contactKey = s.role === "volunteer" ? "details.interested" : "details.contact";
  const choices = [choice(`contact:${ref}`, ctx.t(contactKey))];
  if (origin) choices.push(choice("results:back", ctx.t("details.back")));
  choices.push(choice("menu:restart", ctx.t("results.newSearch")));
  ask(ctx, ctx.t("details.next"), choices);
}
