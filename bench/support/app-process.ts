import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../test/support/node-instance.js";

const ROOT = new URL("../..", import.meta.url).pathname;

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
export function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let kb = 0;
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return kb / 1024;
}

/** A server started as its own process, with time to healthy and the peak RSS seen on the way. */
/**
 * CPU time (user + system, ms) a process has used so far, split into its main thread and all its
 * other threads (the PGlite worker, libuv's pool, V8's helpers), from /proc: counted by the kernel,
 * so unlike a sampling profile it does not grow when the machine is busy and the thread waits.
 */
export function threadCpuMs(pid: number): { main: number; others: number } {
  const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = (Number(fields[11]) + Number(fields[12])) * tick;
      if (Number(tid) === pid) main += ms;
      else others += ms;
    } catch {
      // the thread ended while we looked
    }
  }
  return { main, others };
}

export interface AppProcess {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from the health path. */
  readyMs: number;
  /** Highest RSS (process tree, MB) sampled every 20 ms until healthy and for `settleMs` after. */
  peakMb: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  command: string[];
  env?: Record<string, string>;
  healthPath?: string;
  /** Keep sampling the peak this long after healthy (first-start work continues in the background). */
  settleMs?: number;
  timeoutMs?: number;
}

/** Spawns `command` with PORT set, polls the health path, samples RSS meanwhile. */
export async function startApp(opts: StartOptions): Promise<AppProcess> {
  const port = await freePort();
  const started = performance.now();
  const [cmd, ...args] = opts.command as [string, ...string[]];
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...opts.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const pid = child.pid ?? 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  let peakMb = 0;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, treeRssMb(pid));
  }, 20);
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  let readyMs = 0;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${opts.command.join(" ")} exited: ${stderr}`);
      try {
        const res = await fetch(`${baseUrl}${opts.healthPath ?? "/healthz"}`);
        if (res.ok) {
          readyMs = performance.now() - started;
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${opts.command.join(" ")} not healthy in time: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, opts.settleMs ?? 0));
  } catch (err) {
    clearInterval(sampler);
    child.kill("SIGKILL");
    throw err;
  }
  clearInterval(sampler);
  return {
    baseUrl,
    pid,
    readyMs,
    peakMb,
    rssMb: () => treeRssMb(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/** Prints rows as a Markdown table. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}

export { ROOT };

/** `npm start` as package.json spells it (node, its flags, the entry), run without npm in between. */
export function npmStartCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const [node, ...rest] = pkg.scripts.start.split(/\s+/);
  if (node !== "node") throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  return [process.execPath, ...rest];
}
