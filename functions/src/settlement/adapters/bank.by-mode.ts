import { BankAccountDetails, BankGateway, BankTransferResult } from '../application/bank.gateway';

const LIVE_UNAVAILABLE = 'livemode_unavailable';
const LIVE_UNAVAILABLE_MESSAGE = 'Live payouts are not enabled on this deployment (no live bank is configured).';

/**
 * One bank client per mode, chosen by the payout's `livemode`: a test payout can only ever reach the
 * test bank (and each HTTP client checks the mode again on every call). Without a live configuration,
 * a live transfer is refused permanently with `livemode_unavailable` (never a retry loop, never the
 * test bank), and a live account look-up finds nothing.
 */
export class BankByMode implements BankGateway {
  constructor(private readonly gateways: { readonly test: BankGateway; readonly live: BankGateway | null }) {}

  lookupAccount(livemode: boolean, token: string): Promise<BankAccountDetails | null> {
    const gateway = this.gatewayFor(livemode);
    return gateway ? gateway.lookupAccount(livemode, token) : Promise.resolve(null);
  }

  createTransfer(req: Parameters<BankGateway['createTransfer']>[0]): Promise<BankTransferResult> {
    const gateway = this.gatewayFor(req.livemode);
    return gateway ? gateway.createTransfer(req) : Promise.resolve({ kind: 'rejected', code: LIVE_UNAVAILABLE, message: LIVE_UNAVAILABLE_MESSAGE });
  }

  private gatewayFor(livemode: boolean): BankGateway | null {
    return livemode ? this.gateways.live : this.gateways.test;
  }
}
