import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { RuleSetConflictError, type RuleSetRepository } from '../application/rule-set.repository';
import type { FraudRule, RuleSet } from '../domain/fraud-rules';
import { COLLECTIONS } from '../../shared/firestore-collections';

export const RULE_SET_HEADS = COLLECTIONS.radarRuleSets;
export const RULE_SET_VERSIONS = COLLECTIONS.radarRuleSetVersions;

const Rule = z.object({ id: z.string(), expression: z.string(), action: z.enum(['allow', 'review', 'block']), description: z.string().optional() });
const RuleSetDocument = z.object({ merchantId: z.string(), version: z.number().int(), rules: z.array(Rule), savedMs: z.number().int() });

const versionId = (merchantId: string, version: number) => `${merchantId}@${version}`;

/**
 * The head document (one per merchant, written only when rules change, read once per TTL per instance)
 * holds the current rules; each version is also written as its own immutable document, so the version
 * an assessment names can be read back. Both writes commit in one transaction guarded by the head.
 */
export class FirestoreRuleSetRepository implements RuleSetRepository {
  constructor(private readonly db: Firestore) {}

  async current(merchantId: string): Promise<RuleSet> {
    const snap = await this.db.collection(RULE_SET_HEADS).doc(merchantId).get();
    if (!snap.exists) return { merchantId, version: 0, rules: [] };
    const doc = RuleSetDocument.parse(snap.data());
    return { merchantId, version: doc.version, rules: doc.rules };
  }

  async saveVersion(merchantId: string, expectedVersion: number, rules: FraudRule[], atMs: number): Promise<RuleSet> {
    const head = this.db.collection(RULE_SET_HEADS).doc(merchantId);
    const next: RuleSet = { merchantId, version: expectedVersion + 1, rules };
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(head);
      const version = snap.exists ? RuleSetDocument.parse(snap.data()).version : 0;
      if (version !== expectedVersion) throw new RuleSetConflictError(`rule set of ${merchantId} is at version ${version}`);
      const doc = JSON.parse(JSON.stringify({ ...next, savedMs: atMs })) as object;
      tx.set(head, doc);
      tx.create(this.db.collection(RULE_SET_VERSIONS).doc(versionId(merchantId, next.version)), doc);
    });
    return next;
  }
}
