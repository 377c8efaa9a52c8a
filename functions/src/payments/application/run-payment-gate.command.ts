import { Clock } from '../../shared/clock';
import { decide, GateVerdictCommand, nextStep } from '../domain/payment.decider';
import { gateNames, GateCheck, GateVerdict, PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { recordPaymentEvents } from './record-payment-events';
import { resumeHandOff } from './resume-hand-off';
import { TaskQueue } from '../../platform/application/task-queue';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs one gate for one payment as a Cloud Task. The check runs outside the transaction (it may
// read a lot); its verdict, its records and the hand-off to the next step commit together, and
// only if the payment is still waiting on this gate, so a redelivered task decides nothing twice
// (it hands the payment over again instead, in case the first hand-off died with its process).
export async function runPaymentGate(
  deps: { payments: PaymentRepository; tasks: TaskQueue; clock: Clock; gates: readonly PaymentGate[] },
  gate: GateCheck,
  paymentId: string,
): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  const step = nextStep(payment, gateNames(deps.gates));
  if (step.kind !== 'gate' || step.gate !== gate.name) {
    await resumeHandOff(deps, payment);
    return done('already_decided');
  }

  const verdict = await gate.check(payment);
  const command = verdictCommand(gate.name, verdict);

  const outcome = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return null;
    const decision = decide(fresh, command);
    if (!decision.ok || decision.value.length === 0) return { decided: false, payment: fresh };
    for (const record of verdict.records ?? []) tx.create(record);
    return { decided: true, payment: recordPaymentEvents(tx, fresh, decision.value, { nowMs: deps.clock.nowMs(), gates: deps.gates }) };
  });
  if (!outcome) return dropped('payment_not_found');
  // Decided meanwhile, or by this step's own earlier commit whose answer was lost (the transaction was
  // retried and found the verdict recorded): that commit's hand-off may never have run.
  if (!outcome.decided) await resumeHandOff(deps, outcome.payment);
  return done(outcome.payment.status);
}

function verdictCommand(gate: string, verdict: GateVerdict): GateVerdictCommand {
  const risk = verdict.risk ? { risk: verdict.risk } : {};
  switch (verdict.decision) {
    case 'pass':
      return { kind: 'record_gate_verdict', gate, decision: 'pass', ...risk };
    case 'review':
      return { kind: 'record_gate_verdict', gate, decision: 'review', ...risk };
    case 'block':
      return { kind: 'record_gate_verdict', gate, decision: 'block', code: verdict.code ?? `${gate}_blocked`, message: verdict.message ?? 'The payment was blocked.', ...risk };
  }
}
