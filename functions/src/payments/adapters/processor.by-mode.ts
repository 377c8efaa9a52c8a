import { AuthorizeResult, CaptureResult, modeOf, ProcessorGateway, RefundResult, VoidResult } from '../application/processor.gateway';

const LIVE_UNAVAILABLE = 'livemode_unavailable';
const LIVE_UNAVAILABLE_MESSAGE = 'Live payments are not enabled on this deployment (no live processor is configured).';

/**
 * One processor client per mode, chosen by the payment's `livemode`. A test payment can only ever
 * reach the test client. Without a live configuration, live requests fail permanently with
 * `livemode_unavailable`: never a retry loop, and never a charge on the test processor.
 */
export class ProcessorByMode implements ProcessorGateway {
  constructor(private readonly gateways: { readonly test: ProcessorGateway; readonly live: ProcessorGateway | null }) {}

  authorize(request: Parameters<ProcessorGateway['authorize']>[0]): Promise<AuthorizeResult> {
    const gateway = this.gatewayFor(request.livemode);
    return gateway ? gateway.authorize(request) : Promise.resolve({ approved: false, code: LIVE_UNAVAILABLE, message: LIVE_UNAVAILABLE_MESSAGE });
  }

  capture(request: Parameters<ProcessorGateway['capture']>[0]): Promise<CaptureResult> {
    const gateway = this.gatewayFor(request.livemode);
    return gateway ? gateway.capture(request) : Promise.resolve({ captured: false, code: LIVE_UNAVAILABLE, message: LIVE_UNAVAILABLE_MESSAGE });
  }

  void(request: Parameters<ProcessorGateway['void']>[0]): Promise<VoidResult> {
    const gateway = this.gatewayFor(request.livemode);
    return gateway ? gateway.void(request) : Promise.resolve({ voided: false, code: LIVE_UNAVAILABLE });
  }

  refund(request: Parameters<ProcessorGateway['refund']>[0]): Promise<RefundResult> {
    const gateway = this.gatewayFor(request.livemode);
    return gateway ? gateway.refund(request) : Promise.resolve({ refunded: false, code: LIVE_UNAVAILABLE });
  }

  private gatewayFor(livemode: boolean): ProcessorGateway | null {
    return modeOf(livemode) === 'live' ? this.gateways.live : this.gateways.test;
  }
}
