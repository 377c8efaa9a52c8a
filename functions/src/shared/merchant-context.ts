import type { MerchantCredential } from './merchant-access';

/** The merchant a request acts for, and the mode of the credential it authenticated with (sk_test_ / sk_live_, or the member's mode). */
export interface MerchantContext {
  readonly merchantId: string;
  readonly livemode: boolean;
  /** Who called (secret key, restricted key or team member); absent only where no request is behind the work. */
  readonly credential?: MerchantCredential;
}
