import { assertNever, err, ok, Result } from '../../shared/result';

// A payout moves a merchant's available funds to its bank account. Its life:
//   pending ──submit accepted──► in_transit ──bank paid──► paid ──bank returned──► failed (returned)
//      │                            └──bank failed──► failed
//      ├──submit rejected / bank failed──► failed
//      └──cancel (merchant, only while pending)──► canceled
// Each state carries only its own fields; decide() says what a command does to a payout (events, or a
// typed refusal), evolve() applies one event and throws on one the state cannot take.

/** Where the payout goes, as the merchant's apps may see it: the bank's token stays in the payout settings. */
export interface PayoutDestination {
  readonly last4: string;
  readonly country: string;
  readonly currency: string;
}

interface PayoutBase {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly amount: number;
  readonly currency: string;
  /** true: created by the schedule (or its test helper); false: a manual POST /v1/payouts. */
  readonly automatic: boolean;
  readonly description: string | null;
  readonly destination: PayoutDestination;
  /** The `payout` balance transaction the payout's journal wrote. */
  readonly balanceTransactionId: string;
  /** YYYY-MM-DD of the settlement run that created it; null for a manual payout. */
  readonly settlementDate: string | null;
  readonly createdMs: number;
  /** When the bank is expected to credit the merchant. */
  readonly arrivalDateMs: number;
  readonly updatedMs: number;
}

/** submissionStartedMs: set once the submit task is about to call the bank; from then on it cannot be canceled. */
export type PendingPayout = PayoutBase & { readonly status: 'pending'; readonly submissionStartedMs: number | null };
export type InTransitPayout = PayoutBase & { readonly status: 'in_transit'; readonly transferId: string };
export type PaidPayout = PayoutBase & { readonly status: 'paid'; readonly transferId: string; readonly paidMs: number };
export type FailedPayout = PayoutBase & {
  readonly status: 'failed';
  readonly transferId: string | null;
  readonly failureCode: string;
  readonly failureMessage: string;
  /** true when the bank paid it and the money came back later. */
  readonly returned: boolean;
  readonly failedMs: number;
};
export type CanceledPayout = PayoutBase & { readonly status: 'canceled'; readonly canceledMs: number };

export type Payout = PendingPayout | InTransitPayout | PaidPayout | FailedPayout | CanceledPayout;
export type PayoutStatus = Payout['status'];

export type PayoutCommand =
  | { readonly kind: 'cancel' }
  | { readonly kind: 'start_submission' }
  | { readonly kind: 'transfer_accepted'; readonly transferId: string }
  | { readonly kind: 'transfer_rejected'; readonly code: string; readonly message: string }
  | { readonly kind: 'bank_paid'; readonly transferId: string }
  | { readonly kind: 'bank_failed'; readonly transferId: string; readonly code: string }
  | { readonly kind: 'bank_returned'; readonly transferId: string; readonly code: string };

export type PayoutEvent =
  | { readonly type: 'payout.submission_started' }
  | { readonly type: 'payout.in_transit'; readonly transferId: string }
  | { readonly type: 'payout.paid'; readonly transferId: string }
  /** returned: the bank paid it and the money came back (a different journal: it left our bank). */
  | { readonly type: 'payout.failed'; readonly transferId: string | null; readonly code: string; readonly message: string; readonly returned: boolean }
  | { readonly type: 'payout.canceled' };

export type PayoutRefusal = { readonly code: 'payout_not_cancelable'; readonly message: string };

const failureMessages: Readonly<Record<string, string>> = {
  insufficient_funds: 'The bank could not make the transfer (insufficient funds in the platform account).',
  account_closed: 'The bank account has been closed.',
  no_account: 'The bank account could not be located.',
  account_frozen: 'The bank account has been frozen.',
};
export const failureMessageFor = (code: string): string => failureMessages[code] ?? `The bank could not complete the payout (${code}).`;

/**
 * What a command does to a payout. A command whose effect is already recorded (a redelivered task,
 * a repeated webhook) decides no events, so every handler can simply run again.
 */
export function decide(payout: Payout, command: PayoutCommand): Result<PayoutEvent[], PayoutRefusal> {
  switch (command.kind) {
    case 'cancel':
      if (payout.status !== 'pending') return err({ code: 'payout_not_cancelable', message: `Payout ${payout.id} is ${payout.status}; only a pending payout can be canceled.` });
      // Once the bank may have the transfer, canceling could leave the money both sent and credited back.
      if (payout.submissionStartedMs !== null) return err({ code: 'payout_not_cancelable', message: `Payout ${payout.id} is already being sent to the bank.` });
      return ok([{ type: 'payout.canceled' }]);
    case 'start_submission':
      return ok(payout.status === 'pending' && payout.submissionStartedMs === null ? [{ type: 'payout.submission_started' }] : []);
    case 'transfer_accepted':
      return ok(payout.status === 'pending' ? [{ type: 'payout.in_transit', transferId: command.transferId }] : []);
    case 'transfer_rejected':
      return ok(payout.status === 'pending' ? [{ type: 'payout.failed', transferId: null, code: command.code, message: command.message, returned: false }] : []);
    case 'bank_paid':
      // The webhook may overtake the submit task's commit: a pending payout is paid all the same.
      return ok(payout.status === 'pending' || payout.status === 'in_transit' ? [{ type: 'payout.paid', transferId: command.transferId }] : []);
    case 'bank_failed':
      return ok(
        payout.status === 'pending' || payout.status === 'in_transit'
          ? [{ type: 'payout.failed', transferId: command.transferId, code: command.code, message: failureMessageFor(command.code), returned: false }]
          : [],
      );
    case 'bank_returned': {
      const returned: PayoutEvent = { type: 'payout.failed', transferId: command.transferId, code: command.code, message: failureMessageFor(command.code), returned: true };
      if (payout.status === 'paid') return ok([returned]);
      // A return overtaking its paid notice: the money left our bank and came back, both are booked.
      if (payout.status === 'pending' || payout.status === 'in_transit') return ok([{ type: 'payout.paid', transferId: command.transferId }, returned]);
      return ok([]);
    }
    default:
      return assertNever(command);
  }
}

export function evolve(payout: Payout, event: PayoutEvent, nowMs: number): Payout {
  const base = baseOf(payout);
  switch (event.type) {
    case 'payout.submission_started':
      if (payout.status !== 'pending') throw impossible(payout, event);
      return { ...base, status: 'pending', submissionStartedMs: nowMs, updatedMs: nowMs };
    case 'payout.in_transit':
      if (payout.status !== 'pending') throw impossible(payout, event);
      return { ...base, status: 'in_transit', transferId: event.transferId, updatedMs: nowMs };
    case 'payout.paid':
      if (payout.status !== 'pending' && payout.status !== 'in_transit') throw impossible(payout, event);
      return { ...base, status: 'paid', transferId: event.transferId, paidMs: nowMs, updatedMs: nowMs };
    case 'payout.failed':
      if (event.returned ? payout.status !== 'paid' : payout.status !== 'pending' && payout.status !== 'in_transit') throw impossible(payout, event);
      return { ...base, status: 'failed', transferId: event.transferId, failureCode: event.code, failureMessage: event.message, returned: event.returned, failedMs: nowMs, updatedMs: nowMs };
    case 'payout.canceled':
      if (payout.status !== 'pending') throw impossible(payout, event);
      return { ...base, status: 'canceled', canceledMs: nowMs, updatedMs: nowMs };
    default:
      return assertNever(event);
  }
}

export const evolveAll = (payout: Payout, events: readonly PayoutEvent[], nowMs: number): Payout => events.reduce((p, e) => evolve(p, e, nowMs), payout);

function baseOf(payout: Payout): PayoutBase {
  const { id, merchantId, livemode, amount, currency, automatic, description, destination, balanceTransactionId, settlementDate, createdMs, arrivalDateMs, updatedMs } = payout;
  return { id, merchantId, livemode, amount, currency, automatic, description, destination, balanceTransactionId, settlementDate, createdMs, arrivalDateMs, updatedMs };
}

const impossible = (payout: Payout, event: PayoutEvent) => new Error(`Payout ${payout.id} is ${payout.status} and cannot take ${event.type}`);

/** A new payout, pending until the submit task hands it to the bank. */
export function pendingPayout(input: Omit<PayoutBase, 'updatedMs'>): PendingPayout {
  return { ...input, status: 'pending', submissionStartedMs: null, updatedMs: input.createdMs };
}
