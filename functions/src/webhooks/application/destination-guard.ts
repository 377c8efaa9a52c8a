import type { Result } from '../../shared/result';

export type DestinationRefusal = 'scheme_not_allowed' | 'private_address' | 'loopback_not_allowed' | 'unresolvable';

/**
 * Port: may the platform send a merchant's webhook to this URL? Live: https only, public addresses only.
 * Test: also http to localhost/127.0.0.1 for local development. Checked after DNS resolution, at
 * creation and again at delivery (the sender pins the connection to the address checked: no rebinding).
 */
export interface DestinationGuard {
  check(url: string, livemode: boolean): Promise<Result<void, DestinationRefusal>>;
}
