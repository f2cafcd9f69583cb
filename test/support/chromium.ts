import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const inCi = process.env.CI === "true";
/** True when browser suites should run: Chromium is installed, or CI demands it (and fails without). */
export const runBrowserSuites = existsSync(CHROMIUM) || inCi;
if (!runBrowserSuites) {
  console.warn(
    `browser suites skipped: ${CHROMIUM} is missing (apt-get install chromium); under CI=true they must run`,
  );
}

/** Headless Debian Chromium, with nothing that talks to the internet on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Serves the app on 127.0.0.1 on a free port; returns its base URL and a closer. */
export async function serveApp(app: Hono): Promise<{ baseUrl: string; close(): Promise<void> }> {
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
