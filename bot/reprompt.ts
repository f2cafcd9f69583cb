import type { Ctx } from "./context.js";
import { advance } from "./flows/advance.js";
import { promptConsent, promptMessage, promptValue, promptWay } from "./flows/contact-request.js";
import { promptAfterHandoff } from "./flows/handoff.js";
import { showInfo } from "./flows/info.js";
import { promptPlaceChoice } from "./flows/location.js";
import { promptRelay } from "./flows/relay.js";
import { showDetails } from "./flows/results.js";
import { promptRole } from "./flows/start.js";

/** Asks again for whatever the current step waits for (after a language switch, /help, or a text not understood). */
export function reprompt(ctx: Ctx): void {
  const flow = ctx.session.flow;
  const project = "projectId" in flow ? ctx.deps.catalogue.get(flow.projectId) : undefined;
  switch (flow.step) {
    case "start":
      promptRole(ctx);
      break;
    case "info":
      showInfo(ctx, flow.topic);
      break;
    case "place_choice":
      promptPlaceChoice(ctx);
      break;
    case "details":
      if (project) showDetails(ctx, project);
      else advance(ctx);
      break;
    case "consent":
      if (project) promptConsent(ctx, project);
      else advance(ctx);
      break;
    case "contact_way":
      promptWay(ctx);
      break;
    case "contact_value":
      promptValue(ctx, flow.method);
      break;
    case "contact_message":
      promptMessage(ctx);
      break;
    case "handoff_sent":
      promptAfterHandoff(ctx);
      break;
    case "relay":
      promptRelay(ctx, flow.projectId);
      break;
    default:
      advance(ctx);
  }
}
