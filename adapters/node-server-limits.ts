import type { Server, ServerOptions } from "node:http";

/** How long the Node server waits for a client at each stage before closing the connection. */
export interface ServerLimits {
  /** Until a request's headers are complete (slow-loris protection). */
  headersTimeoutMs: number;
  /** Until a whole request, body included, has arrived. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between two requests. */
  keepAliveTimeoutMs: number;
  /** Any socket without traffic, including one that never sent a byte. */
  idleSocketTimeoutMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketTimeoutMs: 15_000,
};

/** Options for `http.createServer` (through `serve({ serverOptions })`): the request-stage timeouts. */
export function nodeServerOptions(limits: ServerLimits = DEFAULT_SERVER_LIMITS): ServerOptions {
  // Measured on Node 20: when the headers timeout fires first on a socket that never sent a byte, it
  // stops that socket's idle timer and the socket stays open for good; so idle must come first.
  if (limits.idleSocketTimeoutMs >= limits.headersTimeoutMs)
    throw new Error("idleSocketTimeoutMs must be shorter than headersTimeoutMs");
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for connections past headersTimeout/requestTimeout (default 30 s).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
}

/**
 * Closes sockets idle for longer than the limit. Without it, connections that never send anything
 * stay open for ever, and a few hundred of them exhaust the process's file descriptors.
 */
export function closeIdleSockets(server: Server, limits: ServerLimits = DEFAULT_SERVER_LIMITS): void {
  // Without a 'timeout' listener Node destroys a socket when its idle timeout fires.
  server.setTimeout(limits.idleSocketTimeoutMs);
}
