import type { Channel } from "../core/handoff.js";
import type { Database } from "./db/database.js";
import { addRequesterMessage } from "./db/requester-inbox-store.js";

/** Tells a requester something on the channel they asked on (the port the Slack side uses). */
export interface RequesterNotifier {
  notifyRequester(channel: Channel, channelUserId: string, text: string): Promise<void>;
}

export interface NotifierDeps {
  db: Database;
  now: () => Date;
  /** Sends a Telegram message (the Telegram adapter's bot.api.sendMessage). */
  telegramSend?: (chatId: string, text: string) => Promise<unknown>;
  /** Sends a Slack direct message (requesters who asked in Slack). */
  slackSend?: (userId: string, text: string) => Promise<unknown>;
  /** Tells a web visitor's browser that a message is waiting (Web Push; never throws). */
  webPush?: (visitorId: string) => Promise<unknown>;
}

/** Telegram and Slack get a message; web chat users find it in their inbox, announced by a Web Push. */
export function createNotifier(deps: NotifierDeps): RequesterNotifier {
  return {
    async notifyRequester(channel, channelUserId, text) {
      if (channelUserId === "") return; // anonymised: the user deleted their data
      switch (channel) {
        case "telegram":
          if (!deps.telegramSend) throw new Error("telegram is not configured");
          await deps.telegramSend(channelUserId, text);
          return;
        case "slack":
          if (!deps.slackSend) throw new Error("slack is not configured");
          await deps.slackSend(channelUserId, text);
          return;
        case "web":
          await addRequesterMessage(deps.db, channel, channelUserId, text, deps.now());
          await deps.webPush?.(channelUserId);
          return;
      }
    },
  };
}
