import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { DISPUTE_REASONS, DISPUTE_STATUSES, DisputeReason, DisputeStatus } from '../domain/dispute';
import { modeOf, ProcessorMode } from '../application/processor.gateway';
import type { NotificationParse } from '../application/processor-connector';
import { verifiedStandardWebhook } from '../../platform/adapters/standard-webhook.verify';

// The sandbox processor's notifications: dispute events in its own snake_case shape, minor units,
// its statuses already Stripe's words (a reason it does not know is `general`).
const DisputeView = z.object({
  id: z.string().min(1),
  authorization: z.string().min(1),
  reference: z.string().min(1),
  amount: z.number().int().positive(),
  currency: z.string().regex(/^[a-z]{3}$/),
  reason: z.string(),
  status: z.enum(DISPUTE_STATUSES as [DisputeStatus, ...DisputeStatus[]]),
  evidence_due_by_ms: z.number().int(),
});
const Notification = z.object({
  id: z.string().min(1),
  type: z.enum(['dispute.opened', 'dispute.updated', 'dispute.closed']),
  livemode: z.boolean(),
  data: z.object({ dispute: DisputeView }),
});

/** Verifies the Standard Webhooks signature over the raw bytes (any current secret of the connector's mode) and maps the dispute; never throws. */
export function parseSandboxProcessorNotification(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>, verifiers: readonly Webhook[], mode: ProcessorMode): NotificationParse {
  const json = verifiedStandardWebhook(rawBody, headers, verifiers);
  if (json === undefined) return { ok: false, reason: 'bad_signature' };
  const parsed = Notification.safeParse(json);
  if (!parsed.success || modeOf(parsed.data.livemode) !== mode) return { ok: false, reason: 'malformed' };
  const d = parsed.data.data.dispute;
  const reason = (DISPUTE_REASONS as readonly string[]).includes(d.reason) ? (d.reason as DisputeReason) : 'general';
  return {
    ok: true,
    notifications: [
      { id: parsed.data.id, kind: 'dispute', processorDisputeId: d.id, paymentProcessorReference: d.authorization, reference: d.reference, amount: d.amount, currency: d.currency, livemode: parsed.data.livemode, reason, status: d.status, evidenceDueByMs: d.evidence_due_by_ms },
    ],
  };
}
