import { createECDH, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error http_ece (web-push's own encryption library) ships no types; used to decrypt like a browser.
import ece from "http_ece";

/** One request the push service received. */
export interface PushDelivery {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A local stand-in for a browser push service (FCM, Mozilla autopush): records what it is sent, and
 * holds a subscriber's keys so a test can decrypt a push exactly as the browser would.
 */
export class WebPushStandIn {
  readonly deliveries: PushDelivery[] = [];
  /** The subscriber's key pair (P-256) and auth secret, as a browser creates them. */
  private readonly ecdh = createECDH("prime256v1");
  private readonly authSecret = randomBytes(16);
  status = 201;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {
    this.ecdh.generateKeys();
  }

  static async start(): Promise<WebPushStandIn> {
    let standIn: WebPushStandIn | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        standIn?.deliveries.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(standIn?.status ?? 201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new WebPushStandIn(server, `http://127.0.0.1:${port}`);
    return standIn;
  }

  /** A subscription as `PushSubscription.toJSON()` gives it in the browser. */
  subscription(id = "sub-1"): { endpoint: string; keys: { p256dh: string; auth: string } } {
    return {
      endpoint: `${this.baseUrl}/push/${id}`,
      keys: {
        p256dh: this.ecdh.getPublicKey().toString("base64url"),
        auth: this.authSecret.toString("base64url"),
      },
    };
  }

  /** Decrypts a delivery's aes128gcm body with the subscriber's private key (RFC 8291). */
  decrypt(delivery: PushDelivery): string {
    const plain: Buffer = ece.decrypt(delivery.body, {
      version: "aes128gcm",
      privateKey: this.ecdh,
      authSecret: this.authSecret,
    });
    return plain.toString("utf8");
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
