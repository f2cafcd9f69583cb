import { el } from "./dom.js";
import type { WireCard } from "./wire-types.js";

/** The map configuration the page carries when the operator set a tile server (else no map at all). */
interface MapConfig {
  tileUrl: string;
  attribution?: string;
}

const configured: MapConfig | undefined = (() => {
  const island = document.getElementById("map-config");
  if (!island?.textContent) return undefined;
  try {
    const c = JSON.parse(island.textContent) as Partial<MapConfig>;
    return typeof c.tileUrl === "string" ? (c as MapConfig) : undefined;
  } catch {
    return undefined;
  }
})();

const TILE = 256;
const WIDTH = 340;
const HEIGHT = 180;
const PAD = 24;

/** Web Mercator world pixel coordinates at a zoom level. */
function project(lat: number, lon: number, zoom: number): { x: number; y: number } {
  const scale = TILE * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

/**
 * A small static map of the results (numbered pins) and the family's point, drawn from the
 * configured tiles without any library. Purely visual (the cards say everything), so hidden from
 * screen readers. Does nothing when no tile server is configured.
 */
export function renderResultMap(
  li: HTMLElement,
  cards: readonly WireCard[],
  origin: { lat: number; lon: number } | undefined,
): void {
  if (!configured) return;
  const points = cards.filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon));
  if (points.length === 0) return;
  const all = [...points.map((c) => ({ lat: c.lat, lon: c.lon })), ...(origin ? [origin] : [])];
  let zoom = 15;
  for (; zoom > 4; zoom--) {
    const xy = all.map((p) => project(p.lat, p.lon, zoom));
    const w = Math.max(...xy.map((p) => p.x)) - Math.min(...xy.map((p) => p.x));
    const h = Math.max(...xy.map((p) => p.y)) - Math.min(...xy.map((p) => p.y));
    if (w <= WIDTH - 2 * PAD && h <= HEIGHT - 2 * PAD) break;
  }
  const xy = all.map((p) => project(p.lat, p.lon, zoom));
  const cx = (Math.max(...xy.map((p) => p.x)) + Math.min(...xy.map((p) => p.x))) / 2;
  const cy = (Math.max(...xy.map((p) => p.y)) + Math.min(...xy.map((p) => p.y))) / 2;
  const left = cx - WIDTH / 2;
  const top = cy - HEIGHT / 2;

  const figure = el("figure", "result-map");
  figure.setAttribute("aria-hidden", "true");
  const frame = el("div", "map-frame");
  const max = 2 ** zoom;
  for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + WIDTH) / TILE); tx++) {
    for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + HEIGHT) / TILE); ty++) {
      if (ty < 0 || ty >= max) continue;
      const img = el("img", "map-tile");
      img.alt = "";
      img.width = TILE;
      img.height = TILE;
      img.style.left = `${tx * TILE - left}px`;
      img.style.top = `${ty * TILE - top}px`;
      img.src = configured.tileUrl
        .replace("{z}", String(zoom))
        .replace("{x}", String(((tx % max) + max) % max))
        .replace("{y}", String(ty));
      frame.append(img);
    }
  }
  const pin = (p: { x: number; y: number }, label: string, kind: string) => {
    const m = el("span", `map-pin ${kind}`, label);
    m.style.left = `${p.x - left}px`;
    m.style.top = `${p.y - top}px`;
    frame.append(m);
  };
  if (origin) pin(project(origin.lat, origin.lon, zoom), "●", "origin");
  for (const c of points) pin(project(c.lat, c.lon, zoom), String(c.position), "project");
  figure.append(frame);
  if (configured.attribution) figure.append(el("figcaption", "map-attribution", configured.attribution));
  li.append(figure);
}
