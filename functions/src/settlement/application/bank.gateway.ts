/** A merchant's bank account as the bank knows it, by the opaque token the merchant gave us. */
export interface BankAccountDetails {
  readonly token: string;
  readonly last4: string;
  readonly country: string;
  readonly currency: string;
}

/** The bank's definitive answer to a transfer: accepted (it will report paid/failed later by webhook) or refused now. */
export type BankTransferResult =
  | { readonly kind: 'accepted'; readonly transferId: string }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string };

/** The platform's bank: where payouts leave from. Test payouts only ever reach the test bank. */
export interface BankGateway {
  /** The account behind a token, or null when the bank does not know it. Throws BankUnavailableError when unsure. */
  lookupAccount(livemode: boolean, token: string): Promise<BankAccountDetails | null>;
  /** Idempotent on idempotencyKey. Throws BankUnavailableError when the outcome is unknown (retry with the same key). */
  createTransfer(req: {
    livemode: boolean;
    idempotencyKey: string;
    payoutId: string;
    token: string;
    amount: number;
    currency: string;
  }): Promise<BankTransferResult>;
}

/** The bank's answer is unknown (down, timed out, 5xx, unreadable): the caller retries later with the same key. */
export class BankUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BankUnavailableError';
  }
}

/** A transfer outcome the bank reported by webhook, after its signature was verified. */
export interface BankWebhookEvent {
  readonly id: string;
  readonly type: 'transfer.paid' | 'transfer.failed' | 'transfer.returned';
  readonly transferId: string;
  /** Our payout id (the transfer's reference). */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
  readonly livemode: boolean;
  readonly failureCode: string | null;
  readonly occurredMs: number;
}

/** Verifies the signature and parses; null when the signature or body is invalid. */
export interface BankWebhookVerifier {
  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): BankWebhookEvent | null;
}
