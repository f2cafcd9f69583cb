import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.js";

/** Only strings and error names/messages: Bolt's debug output can contain request bodies. */
function message(args: unknown[]): string {
  return args
    .map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.name}: ${a.message}` : ""))
    .filter(Boolean)
    .join(" ")
    .slice(0, 300);
}

/** Bolt's and the Web API client's logger on top of ours; their debug output is dropped. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...args) => log.debug(message(args)),
    warn: (...args) => log.warn(message(args)),
    error: (...args) => log.error(message(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
