import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the child to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * One app instance exactly as production runs it: `adapters/node-main.ts` (which loads node-server.ts) in its own Node process
 * (own database pool, own HTTP server, own in-memory state), configured only through env.
 */
export class NodeInstance {
  private output = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on("data", (d: Buffer) => this.collect(d));
    child.stderr?.on("data", (d: Buffer) => this.collect(d));
  }

  static async start(env: Record<string, string>, timeoutMs = 60_000): Promise<NodeInstance> {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/node-main.ts"], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const instance = new NodeInstance(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`instance exited with ${child.exitCode}:\n${instance.output}`);
      try {
        if ((await fetch(`${instance.baseUrl}/healthz`)).ok) return instance;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await instance.stop();
        throw new Error(`instance did not become healthy:\n${instance.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** What the process logged (JSON lines), for failure messages and log checks. */
  get logs(): string {
    return this.output;
  }

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, init);
  }

  /** SIGTERM (the app shuts down cleanly), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private collect(d: Buffer): void {
    this.output += d.toString("utf8");
    if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
  }
}
