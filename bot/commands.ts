import { ask, type Ctx, choice, type Outcome, say } from "./context.js";
import { showLanguagePicker } from "./flows/language-picker.js";
import { promptRole } from "./flows/start.js";
import { showMyData } from "./my-data.js";
import { newSession } from "./session.js";
import type { Command } from "./types.js";
import { commandInText } from "./understanding-tables.js";

const COMMANDS: readonly Command[] = ["start", "help", "language", "restart", "mydata", "delete"];

/** Reads a typed command ("/start", "/delete@SomeBot", "/Hilfe" is not one); undefined otherwise. */
export function parseCommand(text: string): Command | undefined {
  const m = text.trim().match(/^\/([a-z]+)(?:@\w+)?(?:\s|$)/i);
  const name = m?.[1]?.toLowerCase();
  return COMMANDS.find((c) => c === name);
}

/**
 * The command a typed message asks for: "/delete", or the whole message in the words of the
 * locales' understanding data ("meine Daten löschen", "verilerimi sil"), `language` first.
 */
export function typedCommand(text: string, language?: string): Command | undefined {
  return parseCommand(text) ?? commandInText(text, language);
}

/** Forgets all answers but keeps the language; the dialog starts at "who is asking". */
export function restart(ctx: Ctx): void {
  ctx.session = newSession(ctx.session.language, ctx.deps.now());
}

/** Asks to confirm erasing everything (`del:yes` / `del:no`). */
export function askDelete(ctx: Ctx): void {
  ctx.session.confirming = "delete";
  ask(ctx, ctx.t("delete.confirm"), [
    choice("del:yes", ctx.t("delete.yes")),
    choice("del:no", ctx.t("delete.no")),
  ]);
}

/**
 * Erases the person's data: the effect for the adapter, a null session, and a last message with a
 * way to begin again. It says "everything is deleted" only when it is: while Slack still holds a
 * copy of a request (erased through the outbox), it says that part is under way and will be confirmed.
 */
export function confirmDelete(ctx: Ctx): void {
  ctx.effects.push({ type: "delete_user_data" });
  ctx.deleted = true;
  const pending = (ctx.deps.handoffs ?? []).some((h) => h.inSlack);
  ask(ctx, ctx.t(pending ? "delete.donePending" : "delete.done"), [
    choice("menu:restart", ctx.t("delete.startAgain")),
  ]);
}

/**
 * Runs a global command, the same at every step. Those that only show something (/help, /mydata)
 * leave the flow as it is and ask its current question again ("reprompt").
 */
export function runCommand(ctx: Ctx, command: Command): Outcome {
  if (command !== "delete") ctx.session.confirming = undefined;
  switch (command) {
    case "start":
      restart(ctx);
      promptRole(ctx, true);
      return "done";
    case "restart":
      restart(ctx);
      say(ctx, ctx.t("restart.done"));
      promptRole(ctx);
      return "done";
    case "help":
      say(ctx, ctx.t("help.text"));
      return "reprompt";
    case "language":
      showLanguagePicker(ctx);
      return "done";
    case "mydata":
      showMyData(ctx);
      return "reprompt";
    case "delete":
      askDelete(ctx);
      return "done";
  }
}
