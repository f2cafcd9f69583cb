import { MAX_AGE } from "../../core/age-limit.js";
import { FOCUS_AREAS, type FocusArea, FocusAreaSchema } from "../../core/focus.js";
import { ask, type Ctx, choice, type Outcome, say } from "../context.js";

/** Age bands offered as buttons, with the age used for matching when only the band is known. */
export const AGE_BANDS = [
  { id: "0-5", min: 0, max: 5, age: 3 },
  { id: "6-9", min: 6, max: 9, age: 8 },
  { id: "10-13", min: 10, max: 13, age: 12 },
  { id: "14-17", min: 14, max: 17, age: 16 },
  { id: "18-27", min: 18, max: MAX_AGE, age: 21 },
] as const;

/** The band an age falls in. */
export function bandForAge(age: number): string | undefined {
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.id;
}

/** A band id as the person reads it ("6–9 Jahre"). */
export function ageBandLabel(ctx: Ctx, bandId: string): string {
  const [min, max] = bandId.split("-").map(Number);
  return ctx.t("age.band", { min, max });
}

/** Asks for the child's age band. */
export function promptAge(ctx: Ctx): void {
  ctx.session.flow = { step: "family_age" };
  ask(
    ctx,
    ctx.t("family.askAge"),
    AGE_BANDS.map((b) => choice(`age:${b.id}`, ageBandLabel(ctx, b.id))),
  );
}

/** Asks what the Patenschaft should help with (family) or what the volunteer would like to do. */
export function promptFocus(ctx: Ctx): void {
  const volunteer = ctx.session.role === "volunteer";
  ctx.session.flow = { step: volunteer ? "volunteer_focus" : "family_focus" };
  ask(ctx, ctx.t(volunteer ? "volunteer.askFocus" : "family.askFocus"), [
    ...FOCUS_AREAS.map((f) => choice(`focus:${f}`, ctx.t(`focus.${f}`))),
    choice("focus:any", ctx.t("focus.any")),
  ]);
}

/** Stores an age; refuses ages beyond the programme's range. Returns whether it was stored. */
export function setAge(ctx: Ctx, age: number): boolean {
  const band = bandForAge(age);
  if (band === undefined) {
    say(ctx, ctx.t("family.ageOutOfRange", { max: MAX_AGE }));
    return false;
  }
  ctx.session.answers.ageBand = band;
  ctx.session.answers.age = age;
  return true;
}

/** Stores focus areas (empty means "anything") and starts the results from the first page. */
export function setFocus(ctx: Ctx, focus: FocusArea[]): void {
  ctx.session.answers.focus = [...new Set(focus)];
  ctx.session.results.offset = 0;
}

/** Handles `age:<band>` and `focus:<id>` buttons; undefined for other ids. */
export function onFormChoice(ctx: Ctx, id: string): Outcome | undefined {
  const [kind, value = ""] = id.split(":", 2);
  if (kind === "age") {
    const band = AGE_BANDS.find((b) => b.id === value);
    if (!band) return undefined;
    if (ctx.session.role !== "volunteer") ctx.session.role = "family";
    ctx.session.answers.ageBand = band.id;
    ctx.session.answers.age = band.age;
    ctx.session.results.offset = 0;
    return "advance";
  }
  if (kind === "focus") {
    if (value === "any") {
      setFocus(ctx, []);
      return "advance";
    }
    const parsed = FocusAreaSchema.safeParse(value);
    if (!parsed.success) return undefined;
    setFocus(ctx, [parsed.data]);
    return "advance";
  }
  return undefined;
}
