import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import {
  closeIdleSockets,
  DEFAULT_SERVER_LIMITS,
  nodeServerOptions,
} from "../adapters/node-server-limits.js";
import { openIdleSockets } from "../test/support/idle-sockets.js";

const SOCKETS = 450;

async function start(withLimits: boolean): Promise<Server> {
  const app = new Hono().get("/", (c) => c.text("ok"));
  const server = await new Promise<Server>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: 0,
        hostname: "127.0.0.1",
        ...(withLimits ? { serverOptions: nodeServerOptions() } : {}),
      },
      () => resolve(s as Server),
    ) as Server;
  });
  if (withLimits) closeIdleSockets(server);
  return server;
}

/** Seconds until all of `SOCKETS` idle connections were closed by the server, or undefined after `maxS`. */
async function secondsUntilClosed(withLimits: boolean, maxS: number): Promise<number | undefined> {
  const server = await start(withLimits);
  const idle = await openIdleSockets((server.address() as AddressInfo).port, SOCKETS);
  const t0 = Date.now();
  while (idle.closed() < SOCKETS && Date.now() - t0 < maxS * 1000)
    await new Promise((r) => setTimeout(r, 50));
  const done = idle.closed() === SOCKETS ? (Date.now() - t0) / 1000 : undefined;
  for (const s of idle.sockets) s.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return done;
}

/** 450 connections that never send a byte, against the app's Node server limits and without them. */
export async function run(): Promise<void> {
  const limit = DEFAULT_SERVER_LIMITS.idleSocketTimeoutMs / 1000;
  console.log(
    `${SOCKETS} idle sockets (idle limit ${limit} s, headers ${DEFAULT_SERVER_LIMITS.headersTimeoutMs / 1000} s)`,
  );
  const ours = await secondsUntilClosed(true, limit + 10);
  console.log(`  with limits      all closed after ${ours?.toFixed(1) ?? "never"} s`);
  const baseline = await secondsUntilClosed(false, limit + 5);
  console.log(
    `  without (before) ${baseline === undefined ? `still open after ${limit + 5} s` : `closed after ${baseline.toFixed(1)} s`}`,
  );
}
