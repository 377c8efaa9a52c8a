import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, IPolicy, retry, TaskCancelledError, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { z } from 'zod';
import { IdentityVendorGateway, VendorSubject } from '../application/identity-vendor.gateway';

/** We do not know whether the vendor started the check: retry with the same idempotency key. */
export class IdentityVendorUnavailableError extends Error {}

/** A request of the other mode, or no vendor configured for the verification's mode. Retrying does not help until the configuration is fixed. */
export class IdentityVendorModeError extends Error {
  override readonly name = 'IdentityVendorModeError';
}

export interface IdentityVendorHttpOptions {
  /** The one mode this client serves; sent on every call as Identity-Vendor-Mode. */
  mode: 'test' | 'live';
  baseUrl: string;
  timeoutMs?: number;
  maxAttempts?: number;
  breakerThreshold?: number;
  breakerHalfOpenAfterMs?: number;
}

const Accepted = z.object({ id: z.string() });

// As toward the card processor: a timeout per attempt, a few quick retries under one idempotency
// key, and a breaker so a vendor outage fails fast and leaves the slow retrying to Cloud Tasks.
export class HttpIdentityVendorGateway implements IdentityVendorGateway {
  private readonly policy: IPolicy;

  constructor(private readonly options: IdentityVendorHttpOptions) {
    const transient = handleWhen((error) => error instanceof IdentityVendorUnavailableError || error instanceof TaskCancelledError);
    const retries = retry(transient, { maxAttempts: options.maxAttempts ?? 3, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }) });
    const breaker = circuitBreaker(transient, { halfOpenAfter: options.breakerHalfOpenAfterMs ?? 5000, breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 10) });
    this.policy = wrap(retries, breaker, timeout(options.timeoutMs ?? 2000, TimeoutStrategy.Aggressive));
  }

  startCheck(request: Parameters<IdentityVendorGateway['startCheck']>[0]): Promise<{ checkId: string }> {
    const mode = request.livemode ? 'live' : 'test';
    if (mode !== this.options.mode) return Promise.reject(new IdentityVendorModeError(`a ${mode}-mode verification reached the ${this.options.mode}-mode identity vendor client`));
    const body = JSON.stringify({ reference: request.reference, [request.subject.kind]: wireSubject(request.subject), callback_url: request.callbackUrl });
    return this.policy.execute(async ({ signal }) => {
      let response: Response;
      try {
        response = await fetch(`${this.options.baseUrl}/v1/checks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey, 'identity-vendor-mode': this.options.mode },
          body,
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new IdentityVendorUnavailableError(`identity vendor unreachable: ${String(error)}`);
      }
      const parsed: unknown = await response.json().catch(() => null);
      if (response.status >= 500 || response.status === 429) throw new IdentityVendorUnavailableError(`identity vendor answered ${response.status}`);
      // A 4xx is our bug (a malformed request): unexpected, so it surfaces loudly and the task retries.
      if (response.status >= 400) throw new Error(`identity vendor refused the check request with ${response.status}`);
      return { checkId: Accepted.parse(parsed).id };
    });
  }
}

/** The vendor client for the verification's mode; without a live vendor a live check cannot start (and never goes to the sandbox). */
export class IdentityVendorByMode implements IdentityVendorGateway {
  constructor(private readonly vendors: { readonly test: IdentityVendorGateway; readonly live: IdentityVendorGateway | null }) {}

  startCheck(request: Parameters<IdentityVendorGateway['startCheck']>[0]): Promise<{ checkId: string }> {
    const vendor = request.livemode ? this.vendors.live : this.vendors.test;
    if (!vendor) return Promise.reject(new IdentityVendorModeError('no live identity vendor is configured (IDENTITY_VENDOR_LIVE_URL): live verifications wait until it is'));
    return vendor.startCheck(request);
  }
}

const wireSubject = (s: VendorSubject) => ({
  name: s.name,
  country: s.country,
  address: s.address,
  date_of_birth: s.dateOfBirth,
  id_document_token: s.idDocumentToken,
  registration_number: s.registrationNumber,
});
