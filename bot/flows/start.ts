import { ask, type Ctx, choice } from "../context.js";

/** The "who is asking" buttons, plus the language switch one tap away. */
export function promptRole(ctx: Ctx, withGreeting = false): void {
  const { t } = ctx;
  const text = withGreeting ? `${t("start.greeting")}\n\n${t("start.who")}` : t("start.who");
  ask(ctx, text, [
    choice("role:family", t("role.family")),
    choice("role:volunteer", t("role.volunteer")),
    choice("role:coordinator", t("role.coordinator")),
    choice("role:info", t("role.info")),
    choice("menu:lang", t("language.button")),
  ]);
}
