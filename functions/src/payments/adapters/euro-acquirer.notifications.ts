import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { parseMajorUnits } from '../../shared/major-units';
import type { DisputeReason, DisputeStatus } from '../domain/dispute';
import { modeOf, ProcessorMode } from '../application/processor.gateway';
import type { NotificationParse, ProcessorNotification } from '../application/processor-connector';
import { verifiedStandardWebhook } from '../../platform/adapters/standard-webhook.verify';

// The acquirer's notification vocabulary, mapped here and nowhere else: modification confirmations
// and the dispute life cycle (its event codes, scheme reason codes and defence deadline).
const MODIFICATION_KINDS = { CAPTURE: 'capture', CANCELLATION: 'void', REFUND: 'refund' } as const;
const DISPUTE_STATUSES: Record<string, DisputeStatus> = {
  REQUEST_FOR_INFORMATION: 'warning_needs_response',
  INFORMATION_SUPPLIED: 'warning_closed',
  CHARGEBACK: 'needs_response',
  CHARGEBACK_REVERSED: 'won',
  SECOND_CHARGEBACK: 'lost',
};
// Card-scheme reason codes (Visa's numbering): 10.x fraud, 13.1 merchandise or services not received.
const REASONS: Record<string, DisputeReason> = { '10.4': 'fraudulent', '10.5': 'fraudulent', '13.1': 'product_not_received', '13.3': 'product_unacceptable', '12.6': 'duplicate', '13.6': 'credit_not_processed' };
const DEFENCE_DAYS_IF_UNSAID = 7;

const Notification = z.object({
  id: z.string(),
  live: z.enum(['true', 'false']),
  notificationItems: z.array(
    z.object({
      eventCode: z.string(),
      success: z.enum(['true', 'false']),
      pspReference: z.string(),
      originalReference: z.string(),
      merchantReference: z.string(),
      amount: z.object({ value: z.string(), currency: z.string() }),
      reason: z.string().nullable().optional(),
      eventDate: z.string().optional(),
      additionalData: z.object({ defensePeriodEndsAt: z.string().optional() }).passthrough().optional(),
    }),
  ).min(1),
});

/** Verifies a notification's Standard Webhooks signature over the raw bytes (any current secret) and maps every item; never throws. */
export function parseAcquirerNotification(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>, verifiers: readonly Webhook[], mode: ProcessorMode): NotificationParse {
  const json = verifiedStandardWebhook(rawBody, headers, verifiers);
  if (json === undefined) return { ok: false, reason: 'bad_signature' };
  const parsed = Notification.safeParse(json);
  if (!parsed.success || modeOf(parsed.data.live === 'true') !== mode) return { ok: false, reason: 'malformed' };
  const livemode = parsed.data.live === 'true';
  const notifications: ProcessorNotification[] = [];
  for (const [index, item] of parsed.data.notificationItems.entries()) {
    const amount = parseMajorUnits(item.amount.value, item.amount.currency);
    if (amount === null) return { ok: false, reason: 'malformed' };
    const id = parsed.data.notificationItems.length === 1 ? parsed.data.id : `${parsed.data.id}_${index}`;
    const base = { id, paymentProcessorReference: item.originalReference, reference: item.merchantReference, amount, currency: item.amount.currency.toLowerCase(), livemode };
    const kind = MODIFICATION_KINDS[item.eventCode as keyof typeof MODIFICATION_KINDS];
    const disputeStatus = DISPUTE_STATUSES[item.eventCode];
    if (kind) notifications.push({ ...base, kind, succeeded: item.success === 'true', processorReference: item.pspReference });
    else if (disputeStatus) {
      const eventMs = item.eventDate ? Date.parse(item.eventDate) : NaN;
      const dueMs = item.additionalData?.defensePeriodEndsAt ? Date.parse(item.additionalData.defensePeriodEndsAt) : (Number.isFinite(eventMs) ? eventMs : 0) + DEFENCE_DAYS_IF_UNSAID * 86_400_000;
      if (!Number.isFinite(dueMs)) return { ok: false, reason: 'malformed' };
      notifications.push({ ...base, kind: 'dispute', processorDisputeId: item.pspReference, reason: REASONS[item.reason ?? ''] ?? 'general', status: disputeStatus, evidenceDueByMs: dueMs });
    } else return { ok: false, reason: 'malformed' };
  }
  return { ok: true, notifications };
}
