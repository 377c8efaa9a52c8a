import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { err, ok, Result } from '../../shared/result';
import type { DestinationGuard } from '../application/destination-guard';
import { destinationRefusal, DestinationRefusal, hostOf } from '../domain/destination-policy';

/** Resolves the URL's host (every address) and applies the destination policy. */
export class DnsDestinationGuard implements DestinationGuard {
  constructor(private readonly resolve: (host: string) => Promise<string[]> = resolveAll) {}

  async check(url: string, livemode: boolean): Promise<Result<void, DestinationRefusal>> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return err('unresolvable');
    }
    const host = hostOf(parsed);
    const addresses = isIP(host) ? [host] : await this.resolve(host).catch(() => []);
    const refusal = destinationRefusal(parsed, addresses, livemode);
    return refusal ? err(refusal) : ok(undefined);
  }
}

export async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}
