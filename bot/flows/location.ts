import { coarseLocation } from "../../core/coarse-location.js";
import { isInGermany } from "../../core/geo.js";
import { isolate } from "../bidi.js";
import { ask, type Ctx, choice, type Outcome, say } from "../context.js";
import { directionOf } from "../locales.js";
import type { FoundOrigin, LocationFinding } from "../understand.js";
import { placeLabel, postcodeLabel } from "../understand.js";

/** Asks where to search: postcode, place name, or a shared location. */
export function promptLocation(ctx: Ctx): void {
  ctx.session.flow = { step: "location" };
  const key = ctx.session.role === "volunteer" ? "location.askVolunteer" : "location.ask";
  ctx.replies.push({ type: "request_location", text: ctx.t(key), buttonLabel: ctx.t("location.share") });
}

/** Stores the search centre; the result list starts again from the first page. */
export function setOrigin(ctx: Ctx, origin: FoundOrigin): void {
  ctx.session.answers.origin = { lat: origin.lat, lon: origin.lon, label: origin.label };
  ctx.session.results.offset = 0;
}

/** Shows the places a name could mean, as buttons `place:<index>`. */
export function promptPlaceChoice(ctx: Ctx): void {
  const flow = ctx.session.flow;
  if (flow.step !== "place_choice") return;
  const dir = directionOf(ctx.session.language);
  ask(
    ctx,
    ctx.t("location.whichPlace"),
    flow.choices.map((p, i) =>
      choice(`place:${i}`, `${isolate(placeLabel(p), dir)}, ${ctx.t(`state.${p.state}`)}`),
    ),
  );
}

/**
 * Acts on what a text said about the location: stores an origin ("advance"), offers choices or
 * explains a postcode error ("done"). Undefined when there was nothing about a location.
 */
export function applyLocation(ctx: Ctx, finding: LocationFinding | undefined): Outcome | undefined {
  if (!finding) return undefined;
  switch (finding.kind) {
    case "origin":
      setOrigin(ctx, finding.origin);
      if (finding.origin.approximate)
        say(ctx, ctx.t("location.approximate", { place: finding.origin.label }));
      return "advance";
    case "ambiguous":
      ctx.session.flow = { step: "place_choice", choices: finding.choices };
      promptPlaceChoice(ctx);
      return "done";
    case "postcode_error":
      say(
        ctx,
        ctx.t(`postcode.error.${finding.reason}`, { input: finding.input, count: finding.input.length }),
      );
      return "done";
    case "not_found":
      say(ctx, ctx.t("location.notFound"));
      return "done";
  }
}

/** Handles a `place:<index>` button. */
export function onPlaceChoice(ctx: Ctx, index: number): Outcome {
  const flow = ctx.session.flow;
  const picked = flow.step === "place_choice" ? flow.choices[index] : undefined;
  if (!picked) return "advance";
  setOrigin(ctx, { lat: picked.lat, lon: picked.lon, label: placeLabel(picked) });
  // A big city picked from the list ("Frankfurt am Main") stands for its centre, as when typed alone.
  const found = picked.parent ? undefined : ctx.deps.gazetteer.lookupPlace(picked.name);
  if (found?.kind === "found" && found.place.approximate) {
    say(ctx, ctx.t("location.approximate", { place: placeLabel(picked) }));
  }
  return "advance";
}

/**
 * Marks an origin label as a shared location's: the label names the district or place around it
 * ("Berlin-Neukölln"), and the person reads "your location (Berlin-Neukölln)".
 */
const SHARED_MARK = "📍";

/** "Berlin-Neukölln" for a district, the place's own name otherwise. */
function sharedPlaceName(p: { name: string; parent?: string }): string {
  if (!p.parent || p.name.startsWith(p.parent)) return p.name;
  return `${p.parent}-${p.name}`;
}

/**
 * Handles a shared location: inside Germany it becomes the origin, named by the district or place
 * around it (never by a postcode whose point happens to be nearest, which may be another area's).
 */
export function onSharedLocation(ctx: Ctx, lat: number, lon: number): Outcome {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || !isInGermany({ lat, lon })) {
    say(ctx, ctx.t("location.outside"));
    promptLocation(ctx);
    return "done";
  }
  const gazetteer = ctx.deps.gazetteer;
  const place = gazetteer.nearestPlace?.({ lat, lon });
  const postcode = place ? undefined : gazetteer.nearestPostcode({ lat, lon });
  const name = place ? sharedPlaceName(place) : postcode ? postcodeLabel(postcode) : "";
  // The exact point names the place in this turn only; the session keeps it to about 100 m.
  setOrigin(ctx, { ...coarseLocation({ lat, lon }), label: name ? `${SHARED_MARK}${name}` : "" });
  if (ctx.session.role === undefined || ctx.session.role === "coordinator") ctx.session.role = "family";
  return "advance";
}

/** The origin as the person reads it: "50667 Köln", "Ehrenfeld (Köln)", "deinem Standort (Berlin-Neukölln)". */
export function originLabel(ctx: Ctx): string {
  const label = ctx.session.answers.origin?.label;
  if (!label) return ctx.t("location.yours");
  if (!label.startsWith(SHARED_MARK)) return label;
  const place = isolate(label.slice(SHARED_MARK.length), directionOf(ctx.session.language));
  return `${ctx.t("location.yours")} (${place})`;
}
