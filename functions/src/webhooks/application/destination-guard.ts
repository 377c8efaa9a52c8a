import type { Result } from '../../shared/result';
import type { DestinationRefusal } from '../domain/destination-policy';

export type { DestinationRefusal };

/**
 * Port: may the platform send a merchant's webhook to this URL? Live: https only, public addresses only.
 * Test: also http, and loopback for local development; other private ranges still refused. Checked after
 * DNS resolution, at creation and again at delivery (the sender pins the connection to the address checked).
 */
export interface DestinationGuard {
  check(url: string, livemode: boolean): Promise<Result<void, DestinationRefusal>>;
}
