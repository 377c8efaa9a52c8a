import { Webhook } from 'standardwebhooks';
import { DisputeResponseOutcome, ModificationOutcome, NotificationParse, PaymentLookup, ProcessorConnector } from '../application/processor-connector';
import { parseSandboxProcessorNotification } from './sandbox-processor.notifications';
import { AuthorizeResult, DECLINE_MESSAGES } from '../application/processor.gateway';
import { HttpProcessorGateway } from './processor.http-gateway';

/**
 * The sandbox processor (infra/sandbox-processor) behind the connector port. Its API is synchronous:
 * captures, voids and refunds succeed or fail in the answer, so nothing is ever pending; it notifies
 * only disputes (Standard Webhooks-signed). Look-ups go by the idempotency keys the chain derives from our references.
 */
export class SandboxProcessorConnector implements ProcessorConnector {
  readonly name = 'sandbox_processor' as const;

  private readonly verifiers: Webhook[];

  constructor(
    private readonly client: HttpProcessorGateway,
    /** whsec_… secrets of this mode, newest first; none: every notification is refused as unsigned. */
    notificationSecrets: readonly string[] = [],
  ) {
    this.verifiers = notificationSecrets.map((secret) => new Webhook(secret));
  }

  authorize(req: Parameters<ProcessorConnector['authorize']>[0]): Promise<AuthorizeResult> {
    return this.client.authorize(req);
  }

  async capture(req: Parameters<ProcessorConnector['capture']>[0]): Promise<ModificationOutcome> {
    const result = await this.client.capture({ livemode: req.livemode, idempotencyKey: req.idempotencyKey, authorizationId: req.authorizationId, amount: req.amount });
    return result.captured ? { status: 'succeeded', processorReference: result.captureId } : { status: 'refused', code: result.code, message: result.message };
  }

  async void(req: Parameters<ProcessorConnector['void']>[0]): Promise<ModificationOutcome> {
    const result = await this.client.void({ livemode: req.livemode, idempotencyKey: req.idempotencyKey, authorizationId: req.authorizationId });
    return result.voided ? { status: 'succeeded', processorReference: req.authorizationId } : { status: 'refused', code: result.code ?? 'void_refused', message: 'The processor refused the void.' };
  }

  async refund(req: Parameters<ProcessorConnector['refund']>[0]): Promise<ModificationOutcome> {
    const result = await this.client.refund({ livemode: req.livemode, idempotencyKey: req.idempotencyKey, captureId: req.captureId, amount: req.amount, reference: req.reference });
    return result.refunded ? { status: 'succeeded', processorReference: result.processorRefundId } : { status: 'refused', code: result.code, message: 'The processor refused the refund.' };
  }

  async lookup(req: Parameters<ProcessorConnector['lookup']>[0]): Promise<PaymentLookup> {
    const found = await this.client.lookupByReference(req.livemode, req.reference);
    if (found.refund) {
      const refund = { processorReference: found.refund.id, reference: found.refund.reference ?? req.reference, amount: found.refund.amount, status: 'succeeded' as const };
      return { found: true, authorization: { approved: false, code: 'unknown', message: 'looked up by refund' }, capture: null, void: null, refunds: [refund] };
    }
    const auth = found.authorization;
    if (!auth) return { found: false };
    const authorization: AuthorizeResult =
      auth.status === 'approved' ? { approved: true, authorizationId: auth.id, card: auth.card } : { approved: false, code: auth.decline_code ?? 'card_declined', message: DECLINE_MESSAGES[auth.decline_code ?? 'card_declined'] ?? DECLINE_MESSAGES.card_declined! };
    return {
      found: true,
      authorization,
      capture: auth.capture ? { processorReference: auth.capture, reference: req.reference, amount: 0, status: 'succeeded' } : null,
      void: auth.voided ? { processorReference: auth.id, reference: req.reference, amount: 0, status: 'succeeded' } : null,
      refunds: [],
    };
  }

  async respondToDispute(req: Parameters<ProcessorConnector['respondToDispute']>[0]): Promise<DisputeResponseOutcome> {
    const answer = await this.client.respondToDispute({ livemode: req.livemode, idempotencyKey: req.idempotencyKey, disputeId: req.processorDisputeId, evidence: req.response.kind === 'evidence' ? req.response.evidence : null });
    if (answer.status === 200) return { status: 'accepted' };
    return { status: 'refused', code: answer.status === 409 ? 'dispute_not_open' : answer.status === 404 ? 'dispute_not_found' : 'invalid_evidence', message: `The processor refused it (${answer.code}).` };
  }

  parseNotification(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): NotificationParse {
    return parseSandboxProcessorNotification(rawBody, headers, this.verifiers, this.client.mode);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
