import ipaddr from 'ipaddr.js';

// Where the platform may send a merchant's webhook (server-side request forgery): the URL's scheme and
// host, and every address its name resolves to. Checked at creation, and at each delivery on the very
// address the connection then uses, so a name that later resolves elsewhere (DNS rebinding) gets nothing.

export type DestinationRefusal = 'scheme_not_allowed' | 'private_address' | 'loopback_not_allowed' | 'unresolvable';

/** Names that reach the cloud's metadata server whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog']);
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);

/** The URL alone: live takes https only; test also http (local development). */
export function urlRefusal(url: URL, livemode: boolean): DestinationRefusal | null {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !livemode)) return 'scheme_not_allowed';
  const host = hostOf(url);
  if (METADATA_HOSTS.has(host)) return 'private_address';
  if (livemode && LOOPBACK_NAMES.has(host)) return 'loopback_not_allowed';
  return null;
}

/**
 * One resolved address: only public unicast is allowed, and loopback in test mode. Private, link-local
 * (the metadata address 169.254.169.254 among them), unique-local, carrier-grade NAT, multicast,
 * reserved, unspecified and addresses embedding IPv4 in IPv6 are refused; an IPv4-mapped IPv6 address
 * is judged as the IPv4 address it carries.
 */
export function addressRefusal(address: string, livemode: boolean): DestinationRefusal | null {
  if (!ipaddr.isValid(address)) return 'unresolvable';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (range === 'loopback') return livemode ? 'loopback_not_allowed' : null;
  return 'private_address';
}

/** The URL and every address it resolves to (an empty list: the name does not resolve). */
export function destinationRefusal(url: URL, addresses: readonly string[], livemode: boolean): DestinationRefusal | null {
  const byUrl = urlRefusal(url, livemode);
  if (byUrl) return byUrl;
  if (addresses.length === 0) return 'unresolvable';
  for (const address of addresses) {
    const refusal = addressRefusal(address, livemode);
    if (refusal) return refusal;
  }
  return null;
}

/** The host as the resolver sees it: lower case, IPv6 brackets and a trailing dot removed. */
export const hostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

export const REFUSAL_MESSAGES: Readonly<Record<DestinationRefusal, string>> = {
  scheme_not_allowed: 'Webhook URLs must use https (http is allowed in test mode only).',
  private_address: 'The URL resolves to a private, link-local, metadata or otherwise non-public address.',
  loopback_not_allowed: 'Live-mode webhook URLs cannot point at this machine (loopback); use a public https URL.',
  unresolvable: 'The URL\'s host name does not resolve.',
};
