import { IdentityVendorEvent } from '../../contracts/identity-api.v1';
import { err, ok, Result } from '../../shared/result';
import { applyVendorOutcome, parseVendorReference } from '../domain/verification';
import { SignatureError, verifyWebhookSignature } from '../domain/webhook-signature';
import { SYSTEM_ACTORS } from '../../compliance/domain/audit-entry';
import { IdentityDeps } from './identity.deps';
import { verificationDecisionRecords } from './verification-decision.records';


export type WebhookRefusal = { readonly code: SignatureError | 'event_replayed' | 'event_invalid' | 'reference_unknown' };

/**
 * Applies one signed vendor event. The signature (with its timestamp) is checked on the raw body
 * before anything is parsed; the event id is remembered in the same transaction as the update, so
 * a replayed delivery is refused and writes nothing.
 */
export async function handleVendorWebhook(deps: IdentityDeps, input: { rawBody: Uint8Array | string; signature: string | undefined }): Promise<Result<{ verificationId: string }, WebhookRefusal>> {
  const nowMs = deps.clock.nowMs();
  const signed = verifyWebhookSignature(input.signature, input.rawBody, deps.webhookSecrets, nowMs);
  if (!signed.ok) return err({ code: signed.error });
  return applyVendorEvent(deps, input.rawBody, nowMs);
}

/**
 * Applies a vendor event whose signature has been verified (by handleVendorWebhook, or by the
 * route's vendor_signature authenticator at `nowMs`): parsed, matched to its verification, and
 * applied once.
 */
export async function applyVendorEvent(deps: IdentityDeps, rawBody: Uint8Array | string, nowMs: number): Promise<Result<{ verificationId: string }, WebhookRefusal>> {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
  } catch {
    return err({ code: 'event_invalid' });
  }
  const event = IdentityVendorEvent.safeParse(json);
  if (!event.success) return err({ code: 'event_invalid' });
  const target = parseVendorReference(event.data.data.reference);
  if (!target) return err({ code: 'reference_unknown' });
  const { result, reasons } = event.data.data;
  const decide = (v: Parameters<typeof applyVendorOutcome>[0]) => applyVendorOutcome(v, target.ref, result, reasons, nowMs);
  const applied = await deps.verifications.applyEventOnce(event.data.id, target.verificationId, decide, nowMs, verificationDecisionRecords(SYSTEM_ACTORS.identityWebhook, nowMs));
  if (applied === 'replayed') return err({ code: 'event_replayed' });
  if (applied === 'not_found') return err({ code: 'reference_unknown' });
  deps.log.info('identity vendor result applied', { verification_id: target.verificationId, subject: target.ref, result });
  return ok({ verificationId: target.verificationId });
}
