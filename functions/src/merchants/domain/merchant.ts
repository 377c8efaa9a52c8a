export interface Merchant {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country of business; absent means 'US' (merchants created before it existed). */
  readonly country?: string;
  readonly createdMs: number;
}
