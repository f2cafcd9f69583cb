/**
 * True when a request may come from a page of this site: no Origin header (same-origin navigations
 * and non-browser clients), or an Origin whose host equals the Host (or X-Forwarded-Host) header.
 */
export function isSameOrigin(headers: {
  origin: string | undefined;
  host: string | undefined;
  forwardedHost: string | undefined;
  fetchSite: string | undefined;
}): boolean {
  if (headers.fetchSite === "cross-site") return false;
  if (headers.origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(headers.origin).host.toLowerCase();
  } catch {
    return false; // includes the opaque origin "null"
  }
  const allowed = [headers.host, ...(headers.forwardedHost?.split(",") ?? [])]
    .map((h) => h?.trim().toLowerCase())
    .filter((h): h is string => Boolean(h));
  return allowed.includes(originHost);
}
