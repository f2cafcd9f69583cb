import * as z from "zod";
import { DEFAULT_CHANNEL_CONCURRENCY } from "../core/outbox.js";
import { StateSchema } from "../core/state.js";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Environment of the app, validated once at start (see ARCHITECTURE.md, "Environment"). */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATA_DIR: z.string().default("./.data"),
    TELEGRAM_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "expected a token like 123456:ABC-DEF…")
        .optional(),
    ),
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "use 16-256 characters of A-Z, a-z, 0-9, _ and -")
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_API_URL: z.url().default("https://slack.com/api/"),
    SLACK_DEFAULT_CHANNEL: optionalString,
    /** JSON map of Land code to Slack channel id, e.g. {"NW":"C0123ABCD"}; the second routing choice. */
    SLACK_STATE_CHANNELS: optionalString.pipe(
      z
        .string()
        .transform((v, ctx) => {
          try {
            return JSON.parse(v) as unknown;
          } catch {
            ctx.addIssue({ code: "custom", message: 'expected JSON like {"NW":"C0123ABCD"}' });
            return z.NEVER;
          }
        })
        .pipe(
          z.partialRecord(StateSchema, z.string().regex(/^[CG][A-Z0-9]{6,}$/, "expected a Slack channel id")),
        )
        .optional(),
    ),
    /** Hours before an open handoff gets a reminder in its thread and an escalation. */
    HANDOFF_REMINDER_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(48),
    /**
     * Outbox deliveries in flight per channel (Slack, Telegram, web inbox). A call hanging past a
     * few seconds frees its slot for another (at most this many such calls besides), so one slow
     * call holds up one slot, not the queue.
     */
    OUTBOX_SLOTS_PER_CHANNEL: z.coerce.number().int().min(1).max(32).default(DEFAULT_CHANNEL_CONCURRENCY),
    /** How long one Slack Web API call may take before it counts as failed (and is retried, checked first). */
    SLACK_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(5000),
    /** Comma-separated Slack user ids who may act on every handoff, not only in their channels. */
    SLACK_ADMIN_USERS: optionalString.pipe(
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((u) => u.trim())
            .filter((u) => u.length > 0),
        )
        .pipe(
          z.array(
            z.string().regex(/^[UW][A-Z0-9]{6,}$/, "expected Slack user ids like U0123ABCD, comma-separated"),
          ),
        )
        .optional(),
    ),
    /** Key that signs web visitor ids; unset: one is generated and kept in the database. */
    VISITOR_ID_SECRET: optionalString.pipe(z.string().min(32, "use at least 32 characters").optional()),
    /** Header a trusted reverse proxy puts the client address in (e.g. x-forwarded-for); unset: the socket. */
    TRUSTED_PROXY_HEADER: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/, "expected a header name like x-forwarded-for")
        .transform((v) => v.toLowerCase())
        .optional(),
    ),
    /** New web chat visitors one client address may start per minute and per day. */
    NEW_VISITORS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    NEW_VISITORS_PER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(200),
    ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "use at least 16 characters").optional()),
    SESSION_TTL_DAYS: z.coerce.number().min(1).max(365).default(30),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Web Push (coordinators' replies reach a closed web chat tab): VAPID keys, URL-safe base64. */
    VAPID_PUBLIC_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{80,90}$/, "expected a VAPID public key")
        .optional(),
    ),
    VAPID_PRIVATE_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{40,45}$/, "expected a VAPID private key")
        .optional(),
    ),
    /** Who runs the push sender, for push services to reach (mailto: or https: URL). */
    VAPID_SUBJECT: optionalString.pipe(
      z
        .string()
        .regex(/^(mailto:|https:\/\/)\S+$/, "expected mailto:… or https://…")
        .optional(),
    ),
    /** Map tiles for the web chat's small result map, e.g. https://tile.example.org/{z}/{x}/{y}.png; unset: no map. */
    MAP_TILE_URL: optionalString.pipe(
      z
        .string()
        .regex(
          /^https?:\/\/[^\s"'<>]+\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}[^\s"'<>]*$/,
          "expected an http(s) URL with {z}, {x} and {y}",
        )
        .optional(),
    ),
    /** The tile provider's attribution shown under the map, e.g. "© OpenStreetMap contributors". */
    MAP_ATTRIBUTION: optionalString.pipe(z.string().max(200).optional()),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_BOT_TOKEN && c.PUBLIC_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "required when TELEGRAM_BOT_TOKEN and PUBLIC_URL are set (webhook mode)",
      });
    }
    if (
      Boolean(c.VAPID_PUBLIC_KEY) !== Boolean(c.VAPID_PRIVATE_KEY) ||
      (c.VAPID_PUBLIC_KEY && !c.VAPID_SUBJECT)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["VAPID_PRIVATE_KEY"],
        message: "VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT must be set together",
      });
    }
    if (Boolean(c.SLACK_BOT_TOKEN) !== Boolean(c.SLACK_SIGNING_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together",
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** Thrown with a message that names each bad variable but never echoes its value (it may be a secret). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}
