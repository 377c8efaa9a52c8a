// Comprehensively sanctioned jurisdictions (OFAC country programmes that prohibit nearly all dealings):
// a payment from or to one is blocked whatever the name. ISO 3166-1 alpha-2 codes, and ISO 3166-2
// subdivision codes for the occupied regions of Ukraine, which have no country code of their own:
// those are only detectable where a source reports a subdivision (none does today: card and IP
// lookups give a country, so a card or IP in Crimea, Donetsk or Luhansk shows as UA and is not caught).
export const SANCTIONED_JURISDICTIONS = {
  version: 'ofac-comprehensive-2025-01',
  countries: { CU: 'Cuba', IR: 'Iran', KP: 'North Korea', SY: 'Syria' } as Readonly<Record<string, string>>,
  subdivisions: { 'UA-43': 'Crimea', 'UA-40': 'Sevastopol', 'UA-14': 'Donetsk', 'UA-09': 'Luhansk' } as Readonly<Record<string, string>>,
} as const;

export type CountrySource = 'customer' | 'card' | 'ip' | 'merchant';

export interface JurisdictionHit {
  readonly source: CountrySource;
  readonly code: string;
  readonly jurisdiction: string;
}

/** The sanctioned jurisdictions among the payment's known countries (codes compared case-insensitively). */
export function sanctionedJurisdictionHits(countries: Partial<Record<CountrySource, string | null | undefined>>): JurisdictionHit[] {
  const hits: JurisdictionHit[] = [];
  for (const source of ['customer', 'card', 'ip', 'merchant'] as const) {
    const code = countries[source]?.trim().toUpperCase();
    if (!code) continue;
    const jurisdiction = SANCTIONED_JURISDICTIONS.subdivisions[code] ?? SANCTIONED_JURISDICTIONS.countries[code.slice(0, 2)];
    if (jurisdiction) hits.push({ source, code, jurisdiction });
  }
  return hits;
}
