import { confirmDelete } from "../commands.js";
import { type Ctx, type Outcome, say } from "../context.js";
import { understandAndApply } from "../flows/free-text.js";
import { isNo, isYes } from "../words.js";
import { specOf } from "./steps.js";

/** Handles sanitised, non-empty typed text: an open "delete everything?" first, then the step's own reading. */
export function handleText(ctx: Ctx, text: string): Outcome {
  const s = ctx.session;
  if (s.confirming === "delete") {
    if (isYes(ctx, text)) {
      confirmDelete(ctx);
      return "done";
    }
    s.confirming = undefined;
    say(ctx, ctx.t("delete.cancelled"));
    if (isNo(ctx, text)) return "reprompt";
  }
  const flow = s.flow;
  const onText = specOf(flow).onText;
  return onText ? onText(ctx, text, flow as never) : understandAndApply(ctx, text);
}
