import type { LatLon } from "./geo.js";
import type { Gazetteer, Origin, PlaceEntry, PostcodeEntry } from "./location.js";
import type { State } from "./state.js";

/** A search centred on a postcode: its centroid, named by its first place. */
export function originFromPostcode(e: PostcodeEntry): Origin {
  return { lat: e.lat, lon: e.lon, postcode: e.postcode, place: e.places[0], state: e.state };
}

/** A search centred on a named place. */
export function originFromPlace(p: PlaceEntry): Origin {
  return { lat: p.lat, lon: p.lon, place: p.name, state: p.state };
}

/** A search centred on a point (a shared location), named by the nearest postcode when there is one. */
export function originFromPoint(point: LatLon, gazetteer: Gazetteer): Origin {
  const near = gazetteer.nearestPostcode(point);
  return { ...point, postcode: near?.postcode, place: near?.places[0], state: near?.state };
}

/** Where a postcode lies; fills lat/lon (and state/place when empty) of imported projects. */
export type PostcodeLocator = (
  postcode: string,
) => { lat: number; lon: number; state: State; place: string } | undefined;

/** The postcode locator of a gazetteer: the same lookup the search uses. */
export function postcodeLocator(gazetteer: Gazetteer): PostcodeLocator {
  return (postcode) => {
    const found = gazetteer.lookupPostcode(postcode);
    if (!found.ok) return undefined;
    const e = found.entry;
    return { lat: e.lat, lon: e.lon, state: e.state, place: e.places[0] ?? "" };
  };
}
