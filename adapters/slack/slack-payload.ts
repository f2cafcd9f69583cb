import * as z from "zod";

const id = z.string().min(1);
const user = z.looseObject({ id });

/** An Events API delivery: the envelope and an event that names its type. */
const EventCallback = z.looseObject({
  type: z.literal("event_callback"),
  event_id: id,
  event: z.looseObject({ type: id }),
});

const BlockActions = z.looseObject({
  type: z.literal("block_actions"),
  user,
  actions: z.array(z.looseObject({ action_id: id })).min(1),
});

const ViewPayload = z.looseObject({
  type: z.enum(["view_submission", "view_closed"]),
  user,
  view: z.looseObject({ id, callback_id: z.string() }),
});

const BlockSuggestion = z.looseObject({
  type: z.literal("block_suggestion"),
  user,
  action_id: id,
  value: z.string(),
});

const Shortcut = z.looseObject({
  type: z.enum(["shortcut", "message_action"]),
  user,
  callback_id: id,
});

/** A slash command: form fields, no `type`. */
const SlashCommand = z.looseObject({
  command: z.string().startsWith("/"),
  user_id: id,
  text: z.string(),
});

const ByType = {
  event_callback: EventCallback,
  block_actions: BlockActions,
  view_submission: ViewPayload,
  view_closed: ViewPayload,
  block_suggestion: BlockSuggestion,
  shortcut: Shortcut,
  message_action: Shortcut,
} as const;

/** Why a validly signed body cannot be handed to Bolt: the field (a JSON path) and a reason; never values. */
export interface PayloadProblem {
  type: string | undefined;
  field: string;
  reason: string;
}

/**
 * Checks that a signed Slack delivery has the fields its kind needs before Bolt sees it, so a
 * malformed one is answered 400 instead of failing inside a listener. Only the kinds this app
 * handles are checked in detail; `url_verification` and `ssl_check` are answered before this.
 */
export function checkSlackPayload(body: unknown): PayloadProblem | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { type: undefined, field: "body", reason: "expected an object" };
  }
  const type = (body as { type?: unknown }).type;
  if (type !== undefined && typeof type !== "string") {
    return { type: undefined, field: "type", reason: "expected a string" };
  }
  const schema = type === undefined ? SlashCommand : ByType[type as keyof typeof ByType];
  if (!schema) return undefined; // a kind without listeners here: Bolt ignores it
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
  return { type, field, reason: issue?.code ?? "invalid" };
}
