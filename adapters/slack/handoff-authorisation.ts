import type { SlackHandoff } from "../db/slack-handoff-store.js";
import type { ChannelMembers } from "./channel-members.js";

/** Why a coordinator may not act on a handoff from where they pressed. */
export type Refusal =
  | { reason: "not_member"; channel: string | undefined }
  | { reason: "stale"; currentProjectId: string };

export interface AuthorisationDeps {
  members: ChannelMembers;
  /** Slack user ids allowed to act on every handoff (SLACK_ADMIN_USERS). */
  admins: ReadonlySet<string>;
  /** The channel a handoff is routed to when it has no message (yet), e.g. right after a forward. */
  routedChannel: (h: SlackHandoff) => string | undefined;
}

/** Where the press came from: the handoff message's channel and ts (unknown for old modals). */
export interface PressOrigin {
  channel?: string | undefined;
  ts?: string | undefined;
}

/**
 * A button pressed on a message that is no longer the handoff's (it was forwarded, and posted anew
 * elsewhere) is stale: acting on it would act on a request that now belongs to another project.
 */
export function isStale(h: SlackHandoff, from: PressOrigin): boolean {
  if (!from.ts) return false;
  return h.slackTs !== from.ts || (from.channel !== undefined && h.slackChannel !== from.channel);
}

/**
 * Only members of the channel the request is routed to, and configured admins, may take over,
 * close, decline or forward it; and only from its current message. Undefined means allowed.
 */
export async function refusalFor(
  deps: AuthorisationDeps,
  h: SlackHandoff,
  user: string,
  from: PressOrigin,
): Promise<Refusal | undefined> {
  if (isStale(h, from)) return { reason: "stale", currentProjectId: h.projectId };
  if (deps.admins.has(user)) return undefined;
  const channel = h.slackChannel ?? deps.routedChannel(h);
  if (channel && (await deps.members.isMember(channel, user))) return undefined;
  return { reason: "not_member", channel };
}
