/** The merchant a request acts for, and the mode of the key it authenticated with (sk_test_ / sk_live_). */
export interface MerchantContext {
  readonly merchantId: string;
  readonly livemode: boolean;
}
