// An end user of a merchant's app linked to one of the merchant's customers: their ID token then
// carries `customer_id` (with `merchant_id` and `livemode`), and the Firestore rules show them their
// own payments and KYC status only.
export interface AppUserLink {
  readonly uid: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly customerId: string;
  readonly linkedMs: number;
}

export const appUserClaims = (link: AppUserLink): Record<string, unknown> => ({ merchant_id: link.merchantId, customer_id: link.customerId, livemode: link.livemode });
