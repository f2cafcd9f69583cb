import { type Ctx, type Outcome, say } from "../context.js";
import { joinList } from "../render-results.js";
import { understandText } from "../understand.js";
import { setAge, setFocus } from "./family.js";
import { applyLocation, promptLocation, setOrigin } from "./location.js";

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
  if (found && (s.role === undefined || s.role === "coordinator")) s.role = "family";

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
  if (location) {
    applyLocation(ctx, location);
    if (location.kind !== "ambiguous") promptLocation(ctx);
    return "done";
  }
  if (noted.length > 0) return "advance";
  if (!quiet) say(ctx, ctx.t(asked.location ? "location.notFound" : "input.notUnderstood"));
  return "reprompt";
}
