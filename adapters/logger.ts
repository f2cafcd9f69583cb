import pino from "pino";

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Called for every log at level error or worse, with the logging component (for the errors metric). */
  onError?: (component: string) => void;
}

const ERROR_LEVEL = 50;

/** The component a child logger was made for: its channel (telegram, slack) or component binding. */
function componentOf(bindings: Record<string, unknown>): string {
  const c = bindings.component ?? bindings.channel;
  return typeof c === "string" ? c : "app";
}

/**
 * Structured JSON logs. Known secret and personal fields are redacted as a safety net; code must
 * still never pass message text, phone numbers or emails to the logger.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  opts: LoggerOptions = {},
): Logger {
  const { onError } = opts;
  return pino(
    {
      level,
      base: { app: "patenschaft-finder" },
      // Workers bundle pino's browser build, which has no hooks and writes through console: one JSON
      // line per log there too, and the same error count.
      browser: {
        asObject: true,
        write: (o: object) => {
          const record = o as Record<string, unknown>;
          if (onError && Number(record.level) >= ERROR_LEVEL) onError(componentOf(record));
          console.log(JSON.stringify(record));
        },
      },
      ...(onError
        ? {
            hooks: {
              logMethod(args, method, levelValue) {
                if (levelValue >= ERROR_LEVEL) onError(componentOf(this.bindings()));
                method.apply(this, args);
              },
            },
          }
        : {}),
      redact: {
        paths: [
          "token",
          "*.token",
          "secret",
          "*.secret",
          "password",
          "*.password",
          "databaseUrl",
          "*.databaseUrl",
          "text",
          "*.text",
          "email",
          "*.email",
          "phone",
          "*.phone",
          "req.headers.authorization",
          'req.headers["x-telegram-bot-api-secret-token"]',
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
