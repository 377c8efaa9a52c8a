import { QueueName } from '../../contracts/payment-tasks.v1';
import { Payment, PaymentRisk } from '../domain/payment';
import { ContextRecord } from '../../shared/context-record';

// The extension point of the chain: checks that must pass, in order, between creation and the
// processor. A gate is declared once, in the function catalogue (name, order, queue, function);
// its check is the only other thing to write. Each gate runs as its own task-driven function
// (run-payment-gate.command.ts) and its verdict is recorded on the payment in one transaction
// that also hands the payment to its next step.
export interface PaymentGate {
  readonly name: string;
  readonly queue: QueueName;
}

/** What a gate keeps with its decision (assessment, case, audit entry), committed atomically with it:
 * a record of a kind its owning context declares (shared/context-record.ts), so payments needs no
 * import of fraud or compliance. */
export type GateRecord = ContextRecord;

export type GateVerdict = {
  readonly records?: readonly GateRecord[];
  /** The fraud gate's summary, shown on the payment (payment.risk_assessed). */
  readonly risk?: PaymentRisk;
} & (
  | { readonly decision: 'pass' }
  | { readonly decision: 'review'; readonly message?: string }
  // For block: the payment's last_error.
  | { readonly decision: 'block'; readonly code?: string; readonly message?: string }
);

/** A gate's check. Throwing means "could not decide now" (transient): the task is retried. */
export interface GateCheck {
  readonly name: string;
  check(payment: Payment): Promise<GateVerdict>;
}

/** The gates a deployment runs (PAYMENT_GATES, default all), in declaration order; unknown names refuse to start. */
export function enabledGates(available: readonly PaymentGate[], setting: string | undefined): PaymentGate[] {
  if (setting === undefined) return [...available];
  const wanted = new Set(setting.split(',').map((name) => name.trim()).filter(Boolean));
  const unknown = [...wanted].filter((name) => !available.some((gate) => gate.name === name));
  if (unknown.length > 0) throw new Error(`PAYMENT_GATES names unknown gates: ${unknown.join(', ')}`);
  return available.filter((gate) => wanted.has(gate.name));
}

export const gateNames = (gates: readonly PaymentGate[]): string[] => gates.map((gate) => gate.name);
