import { connect, type Socket } from "node:net";

/** Opens `count` TCP connections that never send a byte; resolves once all are connected. */
export async function openIdleSockets(
  port: number,
  count: number,
): Promise<{ sockets: Socket[]; closed: () => number }> {
  let closed = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(port, "127.0.0.1", () => resolve(s));
          s.on("error", reject);
          s.on("close", () => {
            closed += 1;
          });
        }),
    ),
  );
  return { sockets, closed: () => closed };
}
