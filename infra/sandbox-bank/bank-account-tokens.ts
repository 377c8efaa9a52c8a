import { createHash } from 'node:crypto';

// Bank account tokens the sandbox bank knows. A token names its mode (`ba_test_…` / `ba_live_…`; a
// bank of one mode does not know the other mode's accounts) and its scripted outcome; an optional
// trailing currency segment (`ba_test_success_eur`) sets the account's currency and country.
//
//   ba_test_success                any other ba_test_… token behaves the same: paid
//   ba_test_fail_insufficient      accepted, then failed with insufficient_funds
//   ba_test_fail_account_closed    accepted, then failed with account_closed
//   ba_test_return_after_paid      paid, then returned with account_closed
//   ba_test_reject_account_frozen  refused at once (400 account_frozen): nothing is accepted

export type TransferOutcome =
  | { readonly kind: 'paid' }
  | { readonly kind: 'failed'; readonly failureCode: string }
  | { readonly kind: 'returned'; readonly failureCode: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

export interface SandboxAccount {
  readonly token: string;
  readonly last4: string;
  readonly country: string;
  readonly currency: string;
  readonly outcome: TransferOutcome;
}

const COUNTRY_BY_CURRENCY: Readonly<Record<string, string>> = {
  usd: 'US',
  eur: 'DE',
  gbp: 'GB',
  jpy: 'JP',
  chf: 'CH',
  cad: 'CA',
  aud: 'AU',
  sek: 'SE',
  kwd: 'KW',
  bhd: 'BH',
};

const TOKEN = /^ba_(test|live)_([a-z0-9_]{1,64})$/;

const OUTCOMES: ReadonlyArray<readonly [prefix: string, outcome: TransferOutcome]> = [
  ['fail_insufficient', { kind: 'failed', failureCode: 'insufficient_funds' }],
  ['fail_account_closed', { kind: 'failed', failureCode: 'account_closed' }],
  ['return_after_paid', { kind: 'returned', failureCode: 'account_closed' }],
  ['reject_account_frozen', { kind: 'refused', code: 'account_frozen', message: 'The destination account is frozen and cannot receive transfers.' }],
];

/** The account behind a token for a bank of `mode`, or undefined when that bank does not know it. */
export function resolveAccount(token: string, mode: 'test' | 'live'): SandboxAccount | undefined {
  const match = TOKEN.exec(token);
  if (!match || match[1] !== mode) return undefined;
  const rest = match[2];
  const outcome = OUTCOMES.find(([prefix]) => rest === prefix || rest.startsWith(`${prefix}_`))?.[1] ?? { kind: 'paid' };
  const lastSegment = rest.split('_').at(-1) ?? '';
  const currency = COUNTRY_BY_CURRENCY[lastSegment] ? lastSegment : 'usd';
  // Deterministic per token, so the same token always shows the same last four digits.
  const digits = BigInt(`0x${createHash('sha256').update(token).digest('hex').slice(0, 12)}`) % 10_000n;
  return { token, last4: digits.toString().padStart(4, '0'), country: COUNTRY_BY_CURRENCY[currency], currency, outcome };
}
