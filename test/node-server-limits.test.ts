import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { closeIdleSockets, nodeServerOptions, type ServerLimits } from "../adapters/node-server-limits.js";
import { openIdleSockets } from "./support/idle-sockets.js";

const SHORT: ServerLimits = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1_000,
  keepAliveTimeoutMs: 300,
  idleSocketTimeoutMs: 500,
};

let server: Server | undefined;

async function start(limits?: ServerLimits): Promise<number> {
  const app = new Hono().get("/", (c) => c.text("ok"));
  server = await new Promise<Server>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: 0,
        hostname: "127.0.0.1",
        ...(limits ? { serverOptions: nodeServerOptions(limits) } : {}),
      },
      () => resolve(s as Server),
    ) as Server;
  });
  if (limits) closeIdleSockets(server, limits);
  return (server.address() as AddressInfo).port;
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return predicate();
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

describe("Node server timeouts", () => {
  it("closes 450 sockets that never send a byte once they were idle for the limit", async () => {
    const port = await start(SHORT);
    const idle = await openIdleSockets(port, 450);
    expect(await until(() => idle.closed() === 450, 5_000)).toBe(true);
    // The server still answers afterwards.
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
  });

  it("closes a connection that sends headers too slowly (slow loris)", async () => {
    const port = await start(SHORT);
    let closed = false;
    const s = connect(port, "127.0.0.1", () => s.write("GET / HTTP/1.1\r\nHost: x\r\n"));
    s.on("close", () => {
      closed = true;
    });
    s.on("error", () => undefined);
    const drip = setInterval(() => s.write("X-Drip: 1\r\n"), 100);
    try {
      expect(await until(() => closed, 5_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
  });

  it("without the limits the same idle sockets stay open (what the issue found)", async () => {
    const port = await start();
    const idle = await openIdleSockets(port, 50);
    expect(await until(() => idle.closed() > 0, 1_500)).toBe(false);
    for (const s of idle.sockets) s.destroy();
  });
});
