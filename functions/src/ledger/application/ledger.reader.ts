import { AccountName } from '../domain/journal';

export interface LedgerReader {
  currencies(merchantId: string, livemode: boolean): Promise<string[]>;
  sumAccount(merchantId: string, livemode: boolean, account: AccountName, currency: string): Promise<number>;
}
