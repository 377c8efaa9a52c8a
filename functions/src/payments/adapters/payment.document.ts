import { z } from 'zod';
import { CurrencyCode } from '../../shared/currency';
import { minorUnits } from '../../shared/money';
import { assertNever } from '../../shared/result';
import { amountsOf, authorizationOf, lastErrorOf, Payment, PROCESSOR_NAMES } from '../domain/payment';
import { Refund } from '../domain/refund';

// Documents are validated when read back: a document written by an older version, or edited by
// hand, fails loudly here instead of corrupting a decision.
const Card = z.object({ brand: z.string(), last4: z.string(), country: z.string(), fingerprint: z.string() });
const Processor = z.enum(PROCESSOR_NAMES as [string, ...string[]]).transform((name) => name as (typeof PROCESSOR_NAMES)[number]);
// Written before there was more than one processor: those were all the sandbox processor's.
const StoredAuthorization = z.object({ id: z.string(), card: Card, processor: Processor.default('sandbox_processor') });
const Attempt = z.object({ processor: Processor, outcome: z.enum(['authorized', 'declined', 'not_reached', 'unknown']), code: z.string().nullable(), latencyMs: z.number(), atMs: z.number().int() });

// The stored payment is one flat document (status, stage and every amount), so Firestore queries,
// indexes and security rules keep working on plain fields; the domain's union of states is rebuilt
// from it on read and flattened on write.
const PaymentFields = z.object({
  id: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['processing', 'requires_review', 'requires_capture', 'succeeded', 'failed', 'canceled']),
  stage: z.enum(['gates', 'capturing', 'done']),
  captureMethod: z.enum(['automatic', 'manual']),
  amountCapturable: z.number().int(),
  amountCaptured: z.number().int(),
  amountRefunded: z.number().int(),
  paymentMethod: z.string(),
  customer: z
    .object({ id: z.string().optional(), name: z.string().optional(), email: z.string().optional(), country: z.string().optional(), ip: z.string().optional(), device_id: z.string().optional() })
    .nullable(),
  description: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  gatesPassed: z.array(z.string()),
  reviewGate: z.string().nullable().default(null),
  risk: z.object({ score: z.number().int(), level: z.string(), decision: z.string(), reasons: z.array(z.string()) }).nullable().default(null),
  authorization: StoredAuthorization.nullable(),
  attempts: z.array(Attempt).default([]),
  captureRequested: z.number().int().nullable(),
  capturePending: z.object({ captureId: z.string(), sinceMs: z.number().int() }).nullable().default(null),
  captureId: z.string().nullable(),
  fee: z.number().int(),
  holdReleased: z.boolean().optional(),
  disputed: z.boolean().optional(),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
});
type PaymentFields = z.infer<typeof PaymentFields>;

/** Parses a stored payment into its state; a document whose fields contradict its status fails here. */
export const PaymentDocument = PaymentFields.transform((doc, ctx): Payment => {
  const state = paymentFromFields(doc);
  if (typeof state === 'string') {
    ctx.addIssue({ code: 'custom', message: state });
    return z.NEVER;
  }
  return state;
});

function paymentFromFields(d: PaymentFields): Payment | string {
  const core = {
    id: d.id,
    merchantId: d.merchantId,
    livemode: d.livemode,
    amount: minorUnits(d.amount),
    currency: d.currency as CurrencyCode,
    captureMethod: d.captureMethod,
    paymentMethod: d.paymentMethod,
    customer: d.customer,
    description: d.description,
    metadata: d.metadata,
    risk: d.risk,
    attempts: d.attempts,
    createdMs: d.createdMs,
    updatedMs: d.updatedMs,
  };
  switch (d.status) {
    case 'processing':
      if (d.stage === 'gates') return { ...core, status: 'processing', stage: 'gates', gatesPassed: d.gatesPassed };
      if (d.stage === 'capturing' && d.authorization && d.captureRequested !== null) {
        return { ...core, status: 'processing', stage: 'capturing', authorization: d.authorization, captureRequested: minorUnits(d.captureRequested), capturePending: d.capturePending };
      }
      return `payment ${d.id}: processing at stage ${d.stage} without its authorisation`;
    case 'requires_review':
      return d.reviewGate ? { ...core, status: 'requires_review', gatesPassed: d.gatesPassed, reviewGate: d.reviewGate } : `payment ${d.id}: in review without a gate`;
    case 'requires_capture':
      return d.authorization ? { ...core, status: 'requires_capture', authorization: d.authorization, amountCapturable: minorUnits(d.amountCapturable) } : `payment ${d.id}: requires_capture without an authorisation`;
    case 'succeeded':
      if (!d.authorization || !d.captureId) return `payment ${d.id}: succeeded without its capture`;
      return {
        ...core,
        status: 'succeeded',
        authorization: d.authorization,
        captureId: d.captureId,
        amountCaptured: minorUnits(d.amountCaptured),
        fee: minorUnits(d.fee),
        amountRefunded: minorUnits(d.amountRefunded),
        ...(d.disputed ? { disputed: true } : {}),
      };
    case 'failed':
      return d.lastError ? { ...core, status: 'failed', lastError: d.lastError, authorization: d.authorization } : `payment ${d.id}: failed without an error`;
    case 'canceled':
      return { ...core, status: 'canceled', authorization: d.authorization, holdReleased: d.holdReleased ?? true };
    default:
      return assertNever(d.status);
  }
}

/** The flat document of a payment in any state: fields its state does not have are stored empty. */
export function paymentDocument(p: Payment): PaymentFields {
  const amounts = amountsOf(p);
  return withoutUndefined({
    id: p.id,
    merchantId: p.merchantId,
    livemode: p.livemode,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    stage: p.status === 'processing' ? p.stage : 'done',
    captureMethod: p.captureMethod,
    ...amounts,
    paymentMethod: p.paymentMethod,
    customer: p.customer,
    description: p.description,
    metadata: { ...p.metadata },
    lastError: lastErrorOf(p),
    gatesPassed: p.status === 'requires_review' || (p.status === 'processing' && p.stage === 'gates') ? [...p.gatesPassed] : [],
    reviewGate: p.status === 'requires_review' ? p.reviewGate : null,
    risk: p.risk ? { ...p.risk, reasons: [...p.risk.reasons] } : null,
    authorization: authorizationOf(p),
    attempts: p.attempts.map((a) => ({ ...a })),
    captureRequested: p.status === 'processing' && p.stage === 'capturing' ? p.captureRequested : null,
    capturePending: p.status === 'processing' && p.stage === 'capturing' && p.capturePending ? { ...p.capturePending } : null,
    captureId: p.status === 'succeeded' ? p.captureId : null,
    fee: p.status === 'succeeded' ? p.fee : 0,
    holdReleased: p.status === 'canceled' ? p.holdReleased : undefined,
    disputed: p.status === 'succeeded' && p.disputed ? true : undefined,
    createdMs: p.createdMs,
    updatedMs: p.updatedMs,
  });
}

export const RefundDocument = z.object({
  id: z.string(),
  paymentId: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  amount: z.number().int().transform(minorUnits),
  currency: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  processorRefundId: z.string().nullable(),
  failureReason: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
}) satisfies z.ZodType<Refund>;

// Firestore rejects `undefined` values; optional fields are dropped instead.
export const withoutUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
