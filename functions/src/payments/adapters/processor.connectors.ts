import { ProcessorName } from '../domain/payment';
import { DisputeResponseOutcome, ModificationOutcome, PaymentLookup, ProcessorConnector } from '../application/processor-connector';
import { AuthorizeResult, CaptureResult, modeOf, ProcessorGateway, RefundResult, VoidResult } from '../application/processor.gateway';

const LIVE_UNAVAILABLE = 'livemode_unavailable';
const LIVE_UNAVAILABLE_MESSAGE = 'Live payments are not enabled on this deployment (no live processor is configured).';

export type ConnectorsByName = Readonly<Partial<Record<ProcessorName, ProcessorConnector>>>;

/**
 * The chain's processor port over the configured connectors, one set per mode, chosen by each
 * payment's `livemode`: a test payment can only ever reach a test connector. A processor without a
 * connector in the payment's mode answers as a permanent refusal (`livemode_unavailable` for live
 * without any configuration, `processor_not_configured` otherwise): never a retry loop, and never a
 * request to the other mode's processor.
 */
export class ConnectorProcessorGateway implements ProcessorGateway {
  constructor(private readonly connectors: { readonly test: ConnectorsByName; readonly live: ConnectorsByName | null }) {}

  processors(livemode: boolean): readonly ProcessorName[] {
    return Object.keys(this.byMode(livemode) ?? {}) as ProcessorName[];
  }

  async authorize(request: Parameters<ProcessorGateway['authorize']>[0]): Promise<AuthorizeResult> {
    const connector = this.connector(request.processor, request.livemode);
    if (typeof connector === 'string') return { approved: false, code: connector, message: messageFor(connector) };
    return connector.authorize(request);
  }

  async capture(request: Parameters<ProcessorGateway['capture']>[0]): Promise<CaptureResult> {
    const connector = this.connector(request.processor, request.livemode);
    if (typeof connector === 'string') return { captured: false, code: connector, message: messageFor(connector) };
    const outcome = await connector.capture(request);
    return fold<CaptureResult>(outcome, (ref) => ({ captured: true, captureId: ref }), (ref) => ({ pending: true, captureId: ref }), (code, message) => ({ captured: false, code, message }));
  }

  async void(request: Parameters<ProcessorGateway['void']>[0]): Promise<VoidResult> {
    const connector = this.connector(request.processor, request.livemode);
    if (typeof connector === 'string') return { voided: false, code: connector };
    const outcome = await connector.void(request);
    // Accepted to be done later counts as released: nothing more is owed on our side.
    return fold<VoidResult>(outcome, () => ({ voided: true }), () => ({ voided: true }), (code) => ({ voided: false, code }));
  }

  async refund(request: Parameters<ProcessorGateway['refund']>[0]): Promise<RefundResult> {
    const connector = this.connector(request.processor, request.livemode);
    if (typeof connector === 'string') return { refunded: false, code: connector };
    const outcome = await connector.refund(request);
    return fold<RefundResult>(outcome, (ref) => ({ refunded: true, processorRefundId: ref }), (ref) => ({ pending: true, processorRefundId: ref }), (code) => ({ refunded: false, code }));
  }

  async lookup(request: Parameters<ProcessorGateway['lookup']>[0]): Promise<PaymentLookup> {
    const connector = this.connector(request.processor, request.livemode);
    if (typeof connector === 'string') return { found: false };
    return connector.lookup(request);
  }

  async respondToDispute(request: Parameters<ProcessorGateway['respondToDispute']>[0]): Promise<DisputeResponseOutcome> {
    const connector = this.connector(request.processor, request.livemode);
    if (typeof connector === 'string') return { status: 'refused', code: connector, message: messageFor(connector) };
    return connector.respondToDispute(request);
  }

  /** The connector a notification names, in the mode whose secrets verify it (tried in both: the body says its mode only once verified). */
  connectorsNamed(name: ProcessorName): readonly ProcessorConnector[] {
    return [this.connectors.test[name], this.connectors.live?.[name]].filter((c): c is ProcessorConnector => c !== undefined);
  }

  private byMode(livemode: boolean): ConnectorsByName | null {
    return modeOf(livemode) === 'live' ? this.connectors.live : this.connectors.test;
  }

  private connector(name: ProcessorName, livemode: boolean): ProcessorConnector | string {
    const connectors = this.byMode(livemode);
    if (!connectors) return LIVE_UNAVAILABLE;
    return connectors[name] ?? 'processor_not_configured';
  }
}

function fold<R>(outcome: ModificationOutcome, succeeded: (ref: string) => R, pending: (ref: string) => R, refused: (code: string, message: string) => R): R {
  switch (outcome.status) {
    case 'succeeded':
      return succeeded(outcome.processorReference);
    case 'pending':
      return pending(outcome.processorReference);
    case 'refused':
      return refused(outcome.code, outcome.message);
  }
}

const messageFor = (code: string): string => (code === LIVE_UNAVAILABLE ? LIVE_UNAVAILABLE_MESSAGE : 'The processor chosen for this payment is not configured in this mode.');
