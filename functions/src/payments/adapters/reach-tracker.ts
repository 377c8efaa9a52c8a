import { BrokenCircuitError } from 'cockatiel';
import { ConnectorNotReachedError } from '../application/processor-connector';

/**
 * Whether any attempt of one processor call (its retries included) may have reached the processor.
 * "Not reached" may be claimed only when none can have: only then may another processor be tried
 * (authorize-payment). An attempt counts as possibly sent from its start until it is known refused; a
 * timed-out attempt is abandoned in that state. Both HTTP connectors track their calls with it.
 */
export class ReachTracker {
  private maybeSent = false;
  private inFlight = false;

  /** An attempt starts; the one before it, if not known refused, may have been sent. */
  starting(): void {
    if (this.inFlight) this.maybeSent = true;
    this.inFlight = true;
  }

  /** The attempt failed before an answer: refused (nothing sent), or anything else (a reset, a closed socket), which may have carried it. */
  failed(refused: boolean): void {
    if (refused) this.inFlight = false;
    else this.maybeSent = true;
  }

  /** The processor answered: it was reached. */
  answered(): void {
    this.maybeSent = true;
  }

  /**
   * What the call's final error means: `not_reached` (a refused connection or an open breaker, and no
   * attempt can have been sent), `maybe_reached` (the same errors after an attempt that may have been
   * sent: the outcome is unknown), or `other` (any other error, for the connector to map).
   */
  verdict(error: unknown): 'not_reached' | 'maybe_reached' | 'other' {
    if (!(error instanceof ConnectorNotReachedError || error instanceof BrokenCircuitError)) return 'other';
    // An attempt still in flight (abandoned by a timeout) may have been sent as well.
    return this.maybeSent || this.inFlight ? 'maybe_reached' : 'not_reached';
  }
}
