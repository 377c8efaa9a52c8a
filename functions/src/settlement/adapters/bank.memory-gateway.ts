import { isDeepStrictEqual } from 'node:util';
import { BankAccountDetails, BankGateway, BankTransferResult, BankUnavailableError, BankWebhookEvent } from '../application/bank.gateway';

type TransferRequest = Parameters<BankGateway['createTransfer']>[0];

/** A scripted answer: a result, or a thrown error standing for a timeout / 5xx / open circuit. */
export type ScriptedTransfer = BankTransferResult | { readonly throws: Error };

export const bankUnavailable = (message = 'bank timed out'): { throws: Error } => ({ throws: new BankUnavailableError(message) });
export const bankRejected = (code = 'account_closed', message = 'The bank refused the transfer.'): BankTransferResult => ({ kind: 'rejected', code, message });

export type BankCall =
  | { readonly method: 'lookupAccount'; readonly livemode: boolean; readonly token: string }
  | { readonly method: 'createTransfer'; readonly request: TransferRequest };

/** A transfer the fake bank accepted. */
export interface AcceptedTransfer extends TransferRequest {
  readonly transferId: string;
}

/**
 * A fake bank for unit tests. Knows every `ba_test_…` token in test mode and `ba_live_…` in live mode
 * (usd, last4 6789) plus any account added; transfers answer from the script (first in, first out),
 * then are accepted. Idempotent per mode and key like the real one: the same request replays its
 * result, a different request under a used key throws. Every call is recorded.
 */
export class InMemoryBankGateway implements BankGateway {
  readonly calls: BankCall[] = [];
  readonly accepted: AcceptedTransfer[] = [];
  private readonly accounts = new Map<string, BankAccountDetails>();
  private readonly script: ScriptedTransfer[] = [];
  private readonly byKey = new Map<string, { request: TransferRequest; result: BankTransferResult }>();
  private sequence = 0;

  addAccount(livemode: boolean, account: BankAccountDetails): this {
    this.accounts.set(`${livemode}:${account.token}`, account);
    return this;
  }

  nextTransfer(...answers: ScriptedTransfer[]): this {
    this.script.push(...answers);
    return this;
  }

  async lookupAccount(livemode: boolean, token: string): Promise<BankAccountDetails | null> {
    this.calls.push({ method: 'lookupAccount', livemode, token });
    const added = this.accounts.get(`${livemode}:${token}`);
    if (added) return added;
    return token.startsWith(livemode ? 'ba_live_' : 'ba_test_') ? { token, last4: '6789', country: 'US', currency: 'usd' } : null;
  }

  async createTransfer(request: TransferRequest): Promise<BankTransferResult> {
    this.calls.push({ method: 'createTransfer', request });
    const slot = `${request.livemode}:${request.idempotencyKey}`;
    const earlier = this.byKey.get(slot);
    if (earlier) {
      if (!isDeepStrictEqual(earlier.request, request)) throw new Error(`idempotency key ${request.idempotencyKey} reused with a different transfer`);
      return earlier.result;
    }
    const next = this.script.shift();
    if (next && 'throws' in next) throw next.throws;
    const result: BankTransferResult = next ?? { kind: 'accepted', transferId: `tr_mem_${++this.sequence}` };
    this.byKey.set(slot, { request, result });
    if (result.kind === 'accepted') this.accepted.push({ ...request, transferId: result.transferId });
    return result;
  }

  /** The webhook the bank would send about an accepted payout (for tests of the webhook command). */
  webhookFor(payoutId: string, type: BankWebhookEvent['type'], opts: { failureCode?: string; occurredMs?: number; id?: string } = {}): BankWebhookEvent {
    const transfer = this.accepted.find((t) => t.payoutId === payoutId);
    if (!transfer) throw new Error(`the fake bank accepted no transfer for ${payoutId}`);
    return {
      id: opts.id ?? `evt_mem_${type}_${payoutId}`,
      type,
      transferId: transfer.transferId,
      reference: payoutId,
      amount: transfer.amount,
      currency: transfer.currency,
      livemode: transfer.livemode,
      failureCode: type === 'transfer.paid' ? null : (opts.failureCode ?? 'account_closed'),
      occurredMs: opts.occurredMs ?? 0,
    };
  }
}
