import { QueueName } from '../../contracts/payment-tasks.v1';

// The extension point of the chain: checks that must pass, in order, between payment.created and
// the processor. Each gate is a task-driven function that records its verdict on the payment
// (payment.gate_passed, or a failure) — see passGate/failAtGate in the domain. Fraud scoring and
// compliance screening register here.
export interface PaymentGate {
  readonly name: string;
  readonly queue: QueueName;
}

export const PAYMENT_GATES: readonly PaymentGate[] = [];

export const gateNames = (gates: readonly PaymentGate[]): string[] => gates.map((gate) => gate.name);
