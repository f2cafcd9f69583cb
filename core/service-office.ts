/**
 * The programme's central service office ("Bundesservicestelle"), the fallback contact when no
 * project is near. From the programme description in shared/seed.
 */
export const SERVICE_OFFICE = {
  name: "Bundesservicestelle „Aktion zusammen wachsen“",
  organisation: "Bundesamt für Familie und zivilgesellschaftliche Aufgaben (BAFzA)",
  postalAddress: "50964 Köln",
  visitorAddress: "Sibille-Hartmann-Straße 2-8, 50969 Köln",
  phone: "0221 3673-3330",
  email: "info@aktion-zusammen-wachsen.de",
  website: "https://www.aktion-zusammen-wachsen.de",
} as const;

export type ServiceOffice = typeof SERVICE_OFFICE;
