import pino from "pino";

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Known secret and personal fields are redacted as a safety net; code must
 * still never pass message text, phone numbers or emails to the logger.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "patenschaft-finder" },
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
