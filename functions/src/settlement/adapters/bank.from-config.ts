import { BankGateway, BankWebhookVerifier } from '../application/bank.gateway';
import type { BankConfig } from './bank-modes.config';
import { StandardBankWebhookVerifier } from './bank-webhook.standard-verifier';
import { BankByMode } from './bank.by-mode';
import { HttpBankGateway } from './bank.http-gateway';

/** The bank as the settlement functions use it: one HTTP client per mode, picked by the payout's mode. */
export function bankGatewayFrom(config: BankConfig): BankGateway {
  return new BankByMode({
    test: new HttpBankGateway({ mode: 'test', ...config.test, timeoutMs: config.timeoutMs }),
    live: config.live ? new HttpBankGateway({ mode: 'live', ...config.live, timeoutMs: config.timeoutMs }) : null,
  });
}

/** Verifies the bank's webhooks with every currently valid secret (two during a rotation). */
export function bankWebhookVerifierFrom(config: BankConfig): BankWebhookVerifier {
  return new StandardBankWebhookVerifier(config.webhookSecrets);
}
