import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CidrTableGeolocation, SANDBOX_GEOIP_TABLE } from './ip-geolocation.cidr-table';

describe('IP geolocation from a CIDR table', () => {
  const geo = new CidrTableGeolocation(SANDBOX_GEOIP_TABLE);

  it.each([
    ['192.0.2.10', 'US'],
    ['198.51.100.200', 'GB'],
    ['203.0.113.5', 'NG'],
    ['203.0.113.200', 'KP'],
    ['2001:db8::1', 'DE'],
    ['2001:db8:8000::1', 'BR'],
  ])('given %s, then the country is %s', (ip, country) => {
    expect(geo.countryOf(ip)).toBe(country);
  });

  it('given an address outside the table or not an address, then the country is unknown', () => {
    expect(geo.countryOf('10.0.0.1')).toBeNull();
    expect(geo.countryOf('not-an-ip')).toBeNull();
  });

  it('given a vendor export file, then its rows are loaded and malformed lines skipped', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'geoip-')), 'blocks.csv');
    writeFileSync(file, 'network,country\n81.2.69.0/24,GB\nbroken line\n2a02:c7f::/32,GB\n');
    const table = CidrTableGeolocation.fromCsvFile(file);
    expect(table.countryOf('81.2.69.160')).toBe('GB');
    expect(table.countryOf('2a02:c7f:1::1')).toBe('GB');
    expect(table.countryOf('8.8.8.8')).toBeNull();
  });
});
