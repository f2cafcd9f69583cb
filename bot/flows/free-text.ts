import { isolate } from "../bidi.js";
import { ask, type Ctx, choice, type Outcome, say } from "../context.js";
import { directionOf } from "../locales.js";
import { joinList } from "../render-results.js";
import type { PlaceChoice } from "../session.js";
import { placeLabel, understandText } from "../understand.js";
import { setAge, setFocus } from "./family.js";
import { applyLocation, promptLocation, setOrigin } from "./location.js";

/**
 * Asks whether a word that may be an everyday word meant the place ("Meinst du die Stadt Hamm?"),
 * with the existing place choice: the place as `place:0`, and "no" (`place:no`, no such choice),
 * after which the location question comes.
 */
function confirmPlace(ctx: Ctx, place: PlaceChoice): void {
  ctx.session.flow = { step: "place_choice", choices: [place] };
  const label = isolate(placeLabel(place), directionOf(ctx.session.language));
  ask(ctx, ctx.t("understanding.placeConfirm", { place: label }), [
    choice("place:0", ctx.t("understanding.placeYes", { place: label })),
    choice("place:no", ctx.t("understanding.placeNo")),
  ]);
}

/**
 * Understands free text at any step of the search: age, need and location can come in any order
 * and several at once ("wir wohnen in 50667 Köln, Hausaufgaben"). Confirms what was understood
 * and moves on; otherwise says so and asks again. `quiet` skips the "not understood" note.
 */
export function understandAndApply(ctx: Ctx, text: string, quiet = false): Outcome {
  const s = ctx.session;
  const step = s.flow.step;
  const asked = { age: step === "family_age", location: step === "location" || step === "place_choice" };
  const u = understandText(text, s.language, ctx.deps.gazetteer, asked);
  const found = u.age !== undefined || u.focus.length > 0 || (u.location && u.location.kind !== "not_found");
  // Volunteer phrases lead to the volunteer flow; words pointing both ways leave the role open (asked next).
  if ((found || u.role === "volunteer") && (s.role === undefined || s.role === "coordinator")) {
    if (u.role === "volunteer") s.role = "volunteer";
    else if (u.role !== "unsure") s.role = "family";
    else s.role = undefined;
  }

  const noted: string[] = [];
  if (u.age !== undefined && s.role === "family" && setAge(ctx, u.age)) {
    noted.push(ctx.t("noted.age", { count: u.age }));
  }
  // "wir wohnen in 50667 Köln" is about the place: it does not replace a need already answered.
  const aboutPlace = u.location !== undefined && u.location.kind !== "not_found";
  if (u.focus.length > 0 && !(aboutPlace && s.answers.focus !== undefined)) {
    setFocus(ctx, u.focus);
    noted.push(
      joinList(
        u.focus.map((f) => ctx.t(`focus.${f}`)),
        s.language,
      ),
    );
  }
  let location = u.location;
  let roughOrigin: string | undefined;
  if (location?.kind === "origin") {
    setOrigin(ctx, location.origin);
    noted.push(location.origin.label);
    if (location.origin.approximate) roughOrigin = location.origin.label;
    location = undefined;
  }
  // A text that said something else ("8 Jahre") is not also scolded as a bad postcode.
  if (noted.length > 0 && location?.kind !== "ambiguous") location = undefined;
  if (noted.length > 0) say(ctx, ctx.t("noted.text", { items: joinList(noted, s.language) }));
  if (roughOrigin) say(ctx, ctx.t("location.approximate", { place: roughOrigin }));
  if (location?.kind === "ambiguous" && location.confirm && location.choices[0]) {
    confirmPlace(ctx, location.choices[0]);
    return "done";
  }
  if (location) {
    applyLocation(ctx, location);
    if (location.kind !== "ambiguous") promptLocation(ctx);
    return "done";
  }
  if (noted.length > 0 || u.role === "volunteer" || u.role === "unsure") return "advance";
  if (!quiet) say(ctx, ctx.t(asked.location ? "location.notFound" : "input.notUnderstood"));
  return "reprompt";
}
