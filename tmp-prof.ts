import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { npmStartCommand, startApp } from "./bench/support/app-process.js";
import { MANY_VISITORS_ENV, runLoad, webTurn } from "./bench/support/load.js";
const TEXT = "Hallo, wir suchen Hilfe beim Lesen für unsere Tochter (8) in 50667 Köln";
const dir = mkdtempSync(join(tmpdir(), "pf-prof-"));
const c = npmStartCommand();
const app = await startApp({ command: [c[0] as string, "--cpu-prof", `--cpu-prof-dir=${dir}`, ...c.slice(1)], env: { LOG_LEVEL: "warn", ...MANY_VISITORS_ENV, DATA_DIR: join(dir, "db") } });
await runLoad({ concurrency: 10, total: 300, durationMs: 30000, request: async () => (await webTurn(app.baseUrl, { type: "text", text: TEXT })).ok });
const r = await runLoad({ concurrency: 10, total: 1500, durationMs: 60000, request: async () => (await webTurn(app.baseUrl, { type: "text", text: TEXT })).ok });
await app.stop();
const main = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort()[0] as string;
const p = JSON.parse(readFileSync(join(dir, main), "utf8"));
const byId = new Map(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
const self = new Map<string, number>();
const incl = new Map<string, number>();
p.samples.forEach((id: number, i: number) => {
  const dt = p.timeDeltas[i] ?? 0;
  const n: any = byId.get(id);
  const f = n.callFrame;
  if (f.functionName === "(idle)" || f.functionName === "(program)") return;
  const k = `${f.functionName || "(anon)"} ${f.url.replace(/.*node_modules\//, "nm/").replace(/.*\/dist\//, "dist/")}:${f.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + dt);
  // attribute to first app/dist frame up the stack
  let cur: any = n; let seen = new Set<string>();
  while (cur) { const cf = cur.callFrame; const kk = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\/dist\//, "dist/")}:${cf.lineNumber}`; if (!seen.has(kk)) { incl.set(kk, (incl.get(kk) ?? 0) + dt); seen.add(kk);} cur = byId.get(parent.get(cur.id) as number); }
});
const turns = r.count + 300;
console.log("turns", turns, "rate", r.perSecond.toFixed(0));
console.log("--- self (us/turn)");
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / turns).toFixed(1).padStart(7), k);
console.log("--- inclusive (us/turn)");
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log((v / turns).toFixed(1).padStart(7), k);
