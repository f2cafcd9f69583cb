import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../adapters/compose.js";
import { addressBlock } from "../adapters/web/client-address.js";
import { translator } from "../bot/i18n.js";
import { cookieFrom, postChat, startWebWorld } from "./support/web-world.js";

const de = translator("de");
const START = { type: "command", command: "start" };
type Body = { replies: { text?: string }[] };
const texts = async (res: Response) => ((await res.json()) as Body).replies.map((r) => r.text ?? "");

describe("web visitors: signed ids, stored at the first real turn, limited per address", () => {
  let services: Services;
  let minute = 0;
  const clock = () => new Date(Date.UTC(2027, 0, 1, 12, minute));
  beforeAll(async () => {
    services = await startWebWorld(
      { TRUSTED_PROXY_HEADER: "X-Forwarded-For", NEW_VISITORS_PER_MINUTE: "5", NEW_VISITORS_PER_DAY: "8" },
      clock,
    );
  });
  afterAll(async () => services?.close());
  const sessions = async () =>
    Number((await services.db.query<{ n: number }>("SELECT count(*) AS n FROM sessions"))[0]?.n);

  it("stores nobody for a page load, and greets only once when the first real turn comes", async () => {
    const before = await sessions();
    const first = await postChat(services, START, { from: "192.0.2.1", language: "de" });
    expect(first.status).toBe(200);
    expect((await texts(first)).join("\n")).toContain(de("start.greeting"));
    const cookie = cookieFrom(first);
    expect(cookie).toMatch(/^[0-9a-f]{32}\.[A-Za-z0-9_-]{22}$/);
    expect(await sessions()).toBe(before);

    const real = await postChat(
      services,
      { type: "choice", id: "role:family" },
      { cookie, from: "192.0.2.1" },
    );
    expect(real.status).toBe(200);
    expect((await texts(real)).join("\n")).not.toContain(de("start.greeting"));
    expect(await sessions()).toBe(before + 1);
    expect(cookieFrom(real)).toBe(cookie);
  });

  it("does not accept a visitor id the client made up or signed itself", async () => {
    const mine = "0123456789abcdef0123456789abcdef";
    for (const forged of [mine, `${mine}.AAAAAAAAAAAAAAAAAAAAAA`, `${mine}.`]) {
      const res = await postChat(services, START, { cookie: forged, from: "192.0.2.2" });
      expect(res.status).toBe(200);
      expect(cookieFrom(res)?.startsWith(mine)).toBe(false);
    }
    const inbox = await services.app.request("/api/chat/inbox?after=0", {
      headers: { cookie: `pf_sid=${mine}`, "sec-fetch-site": "same-origin" },
    });
    expect(await inbox.json()).toEqual({ messages: [] });
  });

  it("lets one address start 5 new conversations a minute (8 a day); others and known visitors go on", async () => {
    minute = 10;
    const statuses: number[] = [];
    let known: string | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await postChat(services, START, { from: "198.51.100.7" });
      statuses.push(res.status);
      known ??= cookieFrom(res);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const limited = await postChat(services, START, { from: "198.51.100.7" });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { message: expect.stringMatching(/too many new/) } });
    expect((await postChat(services, START, { from: "198.51.100.8" })).status).toBe(200);
    expect((await postChat(services, START, { from: "198.51.100.7", cookie: known })).status).toBe(200);
    // The next minute brings 3 more (the day's 8), then the day is used up.
    minute = 11;
    const later: number[] = [];
    for (let i = 0; i < 6; i++)
      later.push((await postChat(services, START, { from: "198.51.100.7" })).status);
    expect(later).toEqual([200, 200, 200, 429, 429, 429]);
    // Only keyed hashes of addresses are stored.
    const keys = await services.db.query<{ client_key: string }>("SELECT client_key FROM new_visitor_counts");
    expect(keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(keys)).not.toContain("198.51");
  });

  it("counts IPv6 clients per /64 and believes only the last X-Forwarded-For entry", () => {
    expect(addressBlock("2001:db8:1:2:aaaa::1")).toBe(
      addressBlock("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee"),
    );
    expect(addressBlock("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBlock("::ffff:192.0.2.9")).toBe("192.0.2.9");
  });
});
