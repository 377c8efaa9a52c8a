import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { err, ok, Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { decide, PaymentCommand } from '../domain/payment.decider';
import { MerchantContext } from './create-payment.command';
import { PaymentGate } from './payment-gates';
import { PaymentsTransaction } from './payment.repository';
import { ownedBy, paymentNotFound, toApiError } from './payment-errors.mapper';
import { recordPaymentEvents } from './record-payment-events';

export type MerchantCommandDeps = { clock: Clock; gates: readonly PaymentGate[] };

/** A merchant's (or analyst's) command on one of its payments: decided, recorded, handed on. */
export async function decideForMerchant(
  deps: MerchantCommandDeps,
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  paymentId: string,
  command: PaymentCommand,
): Promise<Result<Payment, ApiError>> {
  const payment = ownedBy(await tx.getPayment(paymentId), merchant);
  if (!payment) return err(paymentNotFound(paymentId));
  const decision = decide(payment, command);
  if (!decision.ok) return err(toApiError(decision.error));
  return ok(recordPaymentEvents(tx, payment, decision.value, { nowMs: deps.clock.nowMs(), gates: deps.gates }));
}
