import { directionOf, resolveLanguage } from "../../bot/locales.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { Queryable } from "../db/database.js";
import { latestWebRequest, webSessionLanguage } from "../db/web-request-status-store.js";
import { type StatusCard, statusCard } from "./request-status.js";

/** A visitor's request status, rendered in the language of their conversation. */
export interface VisitorStatus {
  card: StatusCard;
  language: string;
  dir: "ltr" | "rtl";
}

/** Looks up a web visitor's newest request and renders its status card, if there is one. */
export function webStatusLookup(
  db: Queryable,
  catalogue: () => Catalogue,
): (visitorId: string) => Promise<VisitorStatus | undefined> {
  return async (visitorId) => {
    const status = await latestWebRequest(db, visitorId);
    if (!status || status.state === "withdrawn") return undefined;
    const language = resolveLanguage(await webSessionLanguage(db, visitorId)) ?? "de";
    const name = catalogue().get(status.projectId)?.name ?? status.projectId;
    return { card: statusCard(status, name, language), language, dir: directionOf(language) };
  };
}
