import type { Ctx } from "../context.js";
import { promptAge, promptFocus } from "./family.js";
import { showInfo } from "./info.js";
import { promptLocation } from "./location.js";
import { showResults } from "./results.js";
import { promptRole } from "./start.js";
import { promptHours, promptLanguages } from "./volunteer.js";

/**
 * Moves the dialog to the first answer still missing for the person's role and asks for it; when
 * everything is known, shows the results. Answers can come in any order (free text fills several).
 */
export function advance(ctx: Ctx): void {
  const s = ctx.session;
  const a = s.answers;
  if (s.role === undefined) {
    s.flow = { step: "start" };
    promptRole(ctx);
  } else if (s.role === "coordinator") {
    showInfo(ctx, "coordinator");
  } else if (s.role === "family") {
    if (a.ageBand === undefined) promptAge(ctx);
    else if (a.focus === undefined) promptFocus(ctx);
    else if (a.origin === undefined) promptLocation(ctx);
    else showResults(ctx);
  } else {
    if (a.origin === undefined) promptLocation(ctx);
    else if (a.focus === undefined) promptFocus(ctx);
    else if (s.volunteer.hoursPerWeek === undefined) promptHours(ctx);
    else if (!s.volunteer.languagesDone) promptLanguages(ctx);
    else showResults(ctx);
  }
}
