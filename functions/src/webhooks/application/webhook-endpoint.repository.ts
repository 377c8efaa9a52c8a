import type { IdempotencyTransaction } from '../../platform/application/idempotency';
import type { MerchantContext } from '../../shared/merchant-context';
import type { WebhookEndpoint } from '../domain/webhook-endpoint';

/** The merchant API's transaction for endpoint changes: the change and its idempotency record commit together. */
export interface WebhooksTransaction extends IdempotencyTransaction {
  /** The merchant's endpoint in this mode, read in the transaction; null when absent, deleted or another merchant's/mode's. */
  getEndpoint(merchant: MerchantContext, id: string): Promise<WebhookEndpoint | null>;
  /** How many endpoints the merchant has in this mode (the per-mode cap). */
  countEndpoints(merchant: MerchantContext): Promise<number>;
  saveEndpoint(endpoint: WebhookEndpoint): void;
  deleteEndpoint(endpoint: WebhookEndpoint): void;
}

/** Reads outside a transaction: the API's lists, the fan-out and the delivery. */
export interface WebhookEndpointReader {
  get(merchant: MerchantContext, id: string): Promise<WebhookEndpoint | null>;
  /** By id alone, for the delivery task (which carries merchant and mode and checks them). */
  getById(id: string): Promise<WebhookEndpoint | null>;
  /** Newest first, cursor after an endpoint id. */
  list(merchant: MerchantContext, page: { limit: number; startingAfter?: string }): Promise<{ endpoints: WebhookEndpoint[]; hasMore: boolean }>;
  /** Every endpoint of the merchant in this mode (at most MAX_ENDPOINTS_PER_MODE), any status: the fan-out filters. */
  listAll(merchant: MerchantContext): Promise<WebhookEndpoint[]>;
  /** Platform action after 3 days of failures: disables the endpoint unless the merchant changed it meanwhile. Returns whether it was enabled and is now disabled. */
  disableFailing(id: string, nowMs: number): Promise<boolean>;
}
