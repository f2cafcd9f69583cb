import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Microseconds of the monotonic clock V8 stamps profiles with: `process.hrtime` in any process. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Summarises a V8 .cpuprofile of the main thread: busy time (everything but idle and GC is
 * counted as busy; GC separately) and self time grouped by what it belongs to. With `window`
 * (from `monotonicUs`, taken in any process), only samples within it count, e.g. a measured phase
 * without the start-up and the warm-up.
 */
export function summariseProfile(
  file: string,
  window?: { fromUs: number; toUs: number },
): { busyMs: number; groups: [string, number][] } {
  const p = JSON.parse(readFileSync(file, "utf8")) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    const delta = p.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const groups = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)" || frame.functionName === "(program)") continue;
    busy += us;
    groups.set(groupOf(frame), (groups.get(groupOf(frame)) ?? 0) + us);
  }
  return {
    busyMs: busy / 1000,
    groups: [...groups.entries()]
      .map(([k, v]) => [k, v / 1000] as [string, number])
      .sort((a, b) => b[1] - a[1]),
  };
}

function groupOf(frame: { functionName: string; url: string }): string {
  const url = frame.url;
  if (frame.functionName === "(garbage collector)") return "GC";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith("node:") || url === "")
    return url === "" ? `native ${frame.functionName || "(anonymous)"}` : "node internals";
  if (url.includes("/dist/")) return `app ${frame.functionName || "(anonymous)"}`;
  return url;
}
