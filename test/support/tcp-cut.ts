import type { AddressInfo } from "node:net";
import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay on 127.0.0.1 in front of a real server (PostgreSQL), that a test can cut: open
 * connections are dropped and new ones are accepted but never answered, as when a database host
 * vanishes from the network. Not a stand-in for the database: every byte goes to the real one.
 */
export class TcpCut {
  private readonly sockets = new Set<Socket>();
  private down = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpCut> {
    let cut: TcpCut | undefined;
    const server = createServer((client) => {
      const self = cut as TcpCut;
      self.sockets.add(client);
      client.on("close", () => self.sockets.delete(client));
      client.on("error", () => undefined);
      if (self.down) return; // black hole: accepted, never answered
      const upstream = createConnection({ host: targetHost, port: targetPort });
      self.sockets.add(upstream);
      upstream.on("close", () => self.sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cut = new TcpCut(server, (server.address() as AddressInfo).port);
    return cut;
  }

  /** Drops every connection and black-holes new ones. */
  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  /** Lets new connections through again (existing black-holed ones are dropped). */
  restore(): void {
    this.down = false;
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
