import type { IdempotencyRecord, TransactionRunner } from '../../platform/application/idempotency';
import type { MerchantContext } from '../../shared/merchant-context';
import type { WebhookEndpointReader, WebhooksTransaction } from '../application/webhook-endpoint.repository';
import { newestFirst, WebhookEndpoint } from '../domain/webhook-endpoint';

const belongs = (endpoint: WebhookEndpoint, merchant: MerchantContext) => endpoint.merchantId === merchant.merchantId && endpoint.livemode === merchant.livemode;

/**
 * Endpoints in memory, for unit tests. Each transaction body runs twice (the first run's writes thrown
 * away), as Firestore may run it: a body with a side effect shows up as a doubled effect in a test.
 */
export class InMemoryWebhookEndpointStore implements TransactionRunner<WebhooksTransaction>, WebhookEndpointReader {
  readonly endpoints = new Map<string, WebhookEndpoint>();
  readonly idempotency = new Map<string, IdempotencyRecord>();

  async transaction<T>(work: (tx: WebhooksTransaction) => Promise<T>): Promise<T> {
    await work(this.stagingTransaction().tx);
    const { tx, commit } = this.stagingTransaction();
    const result = await work(tx);
    commit();
    return result;
  }

  private stagingTransaction(): { tx: WebhooksTransaction; commit: () => void } {
    const writes: Array<() => void> = [];
    const tx: WebhooksTransaction = {
      getEndpoint: async (merchant, id) => {
        const endpoint = this.endpoints.get(id);
        return endpoint && belongs(endpoint, merchant) ? endpoint : null;
      },
      countEndpoints: async (merchant) => [...this.endpoints.values()].filter((e) => belongs(e, merchant)).length,
      saveEndpoint: (endpoint) => void writes.push(() => this.endpoints.set(endpoint.id, endpoint)),
      deleteEndpoint: (endpoint) => void writes.push(() => this.endpoints.delete(endpoint.id)),
      getIdempotencyRecord: async (merchantId, keyHash) => this.idempotency.get(`${merchantId}_${keyHash}`) ?? null,
      saveIdempotencyRecord: (record) => void writes.push(() => this.idempotency.set(`${record.merchantId}_${record.keyHash}`, record)),
    };
    return { tx, commit: () => writes.forEach((write) => write()) };
  }

  async get(merchant: MerchantContext, id: string): Promise<WebhookEndpoint | null> {
    const endpoint = this.endpoints.get(id);
    return endpoint && belongs(endpoint, merchant) ? endpoint : null;
  }

  async getById(id: string): Promise<WebhookEndpoint | null> {
    return this.endpoints.get(id) ?? null;
  }

  async list(merchant: MerchantContext, page: { limit: number; startingAfter?: string }): Promise<{ endpoints: WebhookEndpoint[]; hasMore: boolean }> {
    const all = await this.listAll(merchant);
    const start = page.startingAfter ? all.findIndex((e) => e.id === page.startingAfter) + 1 : 0;
    return { endpoints: all.slice(start, start + page.limit), hasMore: start + page.limit < all.length };
  }

  async listAll(merchant: MerchantContext): Promise<WebhookEndpoint[]> {
    return [...this.endpoints.values()].filter((e) => belongs(e, merchant)).sort(newestFirst);
  }

  async disableFailing(id: string, nowMs: number): Promise<boolean> {
    const endpoint = this.endpoints.get(id);
    if (!endpoint || endpoint.status !== 'enabled') return false;
    this.endpoints.set(id, { ...endpoint, status: 'disabled', disabledReason: 'failing', updatedMs: nowMs });
    return true;
  }
}
