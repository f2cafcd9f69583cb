import type { Context } from "hono";

/**
 * Where a request comes from, for per-address limits. Behind a proxy, only the configured header is
 * believed (`TRUSTED_PROXY_HEADER`; for X-Forwarded-For the entry the proxy appended, the last);
 * on Cloudflare `cf-connecting-ip`, which the edge sets; otherwise the Node socket's address.
 * IPv6 addresses count per /64, the block one household or phone usually gets.
 */
export function clientAddress(c: Context, trustedHeader?: string): string {
  if (trustedHeader) {
    const value = c.req.header(trustedHeader);
    const last = value?.split(",").at(-1)?.trim();
    if (last) return addressBlock(last);
  }
  if ((c.req.raw as { cf?: unknown }).cf !== undefined) {
    const cf = c.req.header("cf-connecting-ip");
    if (cf) return addressBlock(cf);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const remote = incoming?.socket?.remoteAddress;
  return remote ? addressBlock(remote) : "unknown";
}

/** An IPv4 address as is (also when IPv4-mapped), an IPv6 address as its /64 prefix. */
export function addressBlock(address: string): string {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped?.[1]) return mapped[1];
  if (!a.includes(":")) return a;
  const [head = "", tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
