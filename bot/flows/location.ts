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
  return "advance";
}

/** Handles a shared location: inside Germany it becomes the origin, named by the nearest postcode. */
export function onSharedLocation(ctx: Ctx, lat: number, lon: number): Outcome {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || !isInGermany({ lat, lon })) {
    say(ctx, ctx.t("location.outside"));
    promptLocation(ctx);
    return "done";
  }
  const near = ctx.deps.gazetteer.nearestPostcode({ lat, lon });
  // The exact point names the postcode in this turn only; the session keeps it to about 100 m.
  setOrigin(ctx, { ...coarseLocation({ lat, lon }), label: near ? postcodeLabel(near) : "" });
  if (ctx.session.role === undefined || ctx.session.role === "coordinator") ctx.session.role = "family";
  return "advance";
}

/** The origin as the person reads it. */
export function originLabel(ctx: Ctx): string {
  const label = ctx.session.answers.origin?.label;
  return label ? label : ctx.t("location.yours");
}
