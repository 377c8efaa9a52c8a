import { QueueName, QUEUES } from '../../contracts/payment-tasks.v1';
import { Payment } from '../domain/payment';
import { PaymentEvent } from '../domain/payment.events';

// The extension point of the chain: checks that must pass, in order, between payment.created and
// the processor. Each gate runs as its own task-driven function (run-payment-gate.command.ts) and
// its verdict is recorded on the payment in one transaction with the event that continues the chain.
export interface PaymentGate {
  readonly name: string;
  readonly queue: QueueName;
}

export interface GateVerdict {
  readonly decision: 'pass' | 'review' | 'block';
  /** For block: the payment's last_error. */
  readonly code?: string;
  readonly message?: string;
  /** What the gate keeps with its decision (assessment, case, audit entry), committed atomically with it. */
  readonly records?: ReadonlyArray<{ readonly collection: string; readonly id: string; readonly data: object }>;
  /** Facts the gate announces with its decision (e.g. payment.risk_assessed), in the same outbox write. */
  readonly events?: readonly PaymentEvent[];
  /** Fields the gate shows on the payment (e.g. the risk summary). */
  readonly annotate?: (payment: Payment) => Payment;
}

/** A gate's check. Throwing means "could not decide now" (transient): the task is retried. */
export interface GateCheck {
  readonly name: string;
  check(payment: Payment): Promise<GateVerdict>;
}

/** Every gate the platform knows, in chain order. A deployment enables a subset (PAYMENT_GATES). */
export const AVAILABLE_GATES: readonly PaymentGate[] = [{ name: 'fraud', queue: QUEUES.fraud }, { name: 'sanctions', queue: QUEUES.sanctions }];

export function enabledGates(available: readonly PaymentGate[], setting: string | undefined): PaymentGate[] {
  if (setting === undefined) return [...available];
  const wanted = new Set(setting.split(',').map((name) => name.trim()).filter(Boolean));
  const unknown = [...wanted].filter((name) => !available.some((gate) => gate.name === name));
  if (unknown.length > 0) throw new Error(`PAYMENT_GATES names unknown gates: ${unknown.join(', ')}`);
  return available.filter((gate) => wanted.has(gate.name));
}

export const gateNames = (gates: readonly PaymentGate[]): string[] => gates.map((gate) => gate.name);
