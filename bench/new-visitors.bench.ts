import { postChat, startWebWorld } from "../test/support/web-world.js";

const REQUESTS = 3_000;

/**
 * What the attack does: 3,000 page loads (and then a first real turn each) without a cookie,
 * from one address within one minute. Prints how many new visitors were admitted, how many sessions
 * were stored, beside a second address in the same run (the baseline: one ordinary visitor).
 */
export async function run(): Promise<void> {
  const services = await startWebWorld(
    { TRUSTED_PROXY_HEADER: "x-forwarded-for" },
    () => new Date("2027-01-01T12:00:30Z"),
  );
  try {
    const statuses = new Map<number, number>();
    const t0 = Date.now();
    for (let i = 0; i < REQUESTS; i++) {
      const res = await postChat(services, { type: "command", command: "start" }, { from: "203.0.113.5" });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const cookie = /pf_sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
      if (cookie)
        await postChat(services, { type: "choice", id: "role:family" }, { from: "203.0.113.5", cookie });
    }
    const seconds = (Date.now() - t0) / 1000;
    const sessions = async () =>
      Number((await services.db.query<{ n: number }>("SELECT count(*) AS n FROM sessions"))[0]?.n);
    const stored = await sessions();
    const other = await postChat(services, { type: "command", command: "start" }, { from: "203.0.113.6" });
    console.log(
      `${REQUESTS} new-visitor requests from one address in one minute (${seconds.toFixed(1)} s wall time)`,
    );
    console.log(`  admitted (200)          ${statuses.get(200) ?? 0}`);
    console.log(`  refused (429)           ${statuses.get(429) ?? 0}`);
    console.log(`  sessions stored         ${stored}   (before: 3,000 of 3,000, ~1 KB each, kept 30 days)`);
    console.log(`  baseline: another address in the same minute → ${other.status}`);
  } finally {
    await services.close();
  }
}
