import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { PROCESSOR_NAMES, ProcessorName } from '../domain/payment';
import type { RoutingConfig } from '../domain/routing';
import type { RoutingConfigStore } from '../application/routing-config.store';

const Processor = z.enum(PROCESSOR_NAMES as [string, ...string[]]).transform((p) => p as ProcessorName);
export const RoutingConfigDocument = z.object({
  rules: z.array(z.object({ id: z.string(), condition: z.string(), processors: z.array(Processor) })),
  split: z.array(z.object({ processor: Processor, percent: z.number().int() })).nullable(),
  preferLocalProcessor: z.boolean(),
  order: z.array(Processor).nullable(),
  retrySoftDeclines: z.boolean(),
  version: z.number().int(),
  updatedMs: z.number().int(),
}) satisfies z.ZodType<RoutingConfig>;

const idOf = (merchantId: string, livemode: boolean) => `${merchantId}_${livemode ? 'live' : 'test'}`;

export class FirestoreRoutingConfigStore implements RoutingConfigStore {
  constructor(private readonly db: Firestore) {}

  async get(merchantId: string, livemode: boolean): Promise<RoutingConfig | null> {
    const snap = await this.db.collection(COLLECTIONS.routingConfigs).doc(idOf(merchantId, livemode)).get();
    return snap.exists ? parseStoredDocument(RoutingConfigDocument, COLLECTIONS.routingConfigs, snap.id, snap.data()) : null;
  }

  replace(merchantId: string, livemode: boolean, next: (current: RoutingConfig | null) => RoutingConfig): Promise<RoutingConfig> {
    const ref = this.db.collection(COLLECTIONS.routingConfigs).doc(idOf(merchantId, livemode));
    return this.db.runTransaction(async (t) => {
      const snap = await t.get(ref);
      const current = snap.exists ? parseStoredDocument(RoutingConfigDocument, COLLECTIONS.routingConfigs, snap.id, snap.data()) : null;
      const saved = next(current);
      t.set(ref, { ...JSON.parse(JSON.stringify(saved)), merchantId, livemode });
      return saved;
    });
  }
}
