import type { webApi } from "@slack/bolt";

/** How long a channel's member list is trusted; a removed coordinator loses access within this. */
export const MEMBERS_TTL_MS = 60_000;

/**
 * Who is in a Slack channel (`conversations.members`, every page), cached briefly per channel so a
 * burst of button presses costs one API call. A failed lookup is not cached and counts as "not a
 * member": an action is refused rather than allowed when Slack cannot say.
 */
export class ChannelMembers {
  private readonly cache = new Map<string, { members: Promise<Set<string>>; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = MEMBERS_TTL_MS,
  ) {}

  async isMember(channel: string, user: string): Promise<boolean> {
    try {
      return (await this.members(channel)).has(user);
    } catch {
      return false;
    }
  }

  private members(channel: string): Promise<Set<string>> {
    const hit = this.cache.get(channel);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.members;
    const members = this.fetch(channel);
    this.cache.set(channel, { members, at: this.now() });
    members.catch(() => this.cache.delete(channel));
    return members;
  }

  private async fetch(channel: string): Promise<Set<string>> {
    const out = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await this.client.conversations.members({
        channel,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const m of res.members ?? []) out.add(m);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return out;
  }
}
