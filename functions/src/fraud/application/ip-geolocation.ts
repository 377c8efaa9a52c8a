/** Port: the country an IP address is registered in (ISO 3166-1 alpha-2), or null when unknown. */
export interface IpGeolocation {
  countryOf(ip: string): string | null;
}
