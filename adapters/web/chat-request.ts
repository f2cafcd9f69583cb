import * as z from "zod";

/** Commands a web visitor may send; mirrors `Command` in bot/types.ts. */
const CommandSchema = z.enum(["start", "help", "language", "restart", "mydata", "delete"]);

/** One inbound event as the web chat sends it; mirrors `InboundEvent` in bot/types.ts. */
export const InboundEventSchema = z.discriminatedUnion("type", [
  // No length cap here: the engine truncates long texts politely; the app-wide 1 MB body limit applies.
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("choice"), id: z.string().min(1).max(64) }),
  z.object({
    type: z.literal("location"),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  }),
  z.object({ type: z.literal("command"), command: CommandSchema, args: z.string().max(200).optional() }),
]);

/** A BCP 47-like language tag such as `de`, `pt-BR` or `zh-Hant-TW`. */
export const LanguageTagSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "expected a language tag like de or pt-BR");

/** The body of `POST /api/chat`. */
export const ChatRequestSchema = z.object({
  event: InboundEventSchema,
  /** A UUID per user action; a retried request with the same id is answered once. */
  clientMessageId: z.uuid().optional(),
  language: LanguageTagSchema.optional(),
});

export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** The first usable language tag of an Accept-Language header (`de-DE,de;q=0.9` → `de-DE`), if any. */
export function firstAcceptLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim() ?? "";
    if (LanguageTagSchema.safeParse(tag).success) return tag;
  }
  return undefined;
}
