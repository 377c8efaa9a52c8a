import { readFileSync } from 'node:fs';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { IpGeolocation } from '../application/ip-geolocation';

// Longest-prefix questions are answered by node's own BlockList (one per country), so no CIDR
// arithmetic is hand-written here. The table is a `network,country` CSV in the layout GeoIP
// vendors export (e.g. a GeoLite2 country-blocks file reduced to two columns).
export class CidrTableGeolocation implements IpGeolocation {
  private readonly byCountry: Array<[string, BlockList]> = [];

  constructor(rows: ReadonlyArray<readonly [network: string, country: string]>) {
    const lists = new Map<string, BlockList>();
    for (const [network, country] of rows) {
      const [address, prefix] = network.split('/');
      const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
      if (!type || prefix === undefined) continue;
      const list = lists.get(country) ?? new BlockList();
      list.addSubnet(address, Number(prefix), type);
      lists.set(country, list);
    }
    this.byCountry = [...lists];
  }

  static fromCsvFile(path: string): CidrTableGeolocation {
    const rows = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.split(',').map((cell) => cell.trim()))
      .filter((cells): cells is [string, string] => cells.length >= 2 && /\//.test(cells[0]) && /^[A-Z]{2}$/.test(cells[1]));
    return new CidrTableGeolocation(rows);
  }

  countryOf(ip: string): string | null {
    const type = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : null;
    if (!type) return null;
    for (const [country, list] of this.byCountry) if (list.check(ip, type)) return country;
    return null;
  }
}

/**
 * The sandbox table: the address ranges reserved for documentation (RFC 5737, RFC 3849) stand for
 * countries, so local runs and tests can send an IP from "another country" without real data.
 */
export const SANDBOX_GEOIP_TABLE: ReadonlyArray<readonly [string, string]> = [
  ['192.0.2.0/24', 'US'],
  ['198.51.100.0/24', 'GB'],
  ['203.0.113.0/25', 'NG'],
  ['203.0.113.128/25', 'KP'],
  ['2001:db8::/33', 'DE'],
  ['2001:db8:8000::/33', 'BR'],
];
