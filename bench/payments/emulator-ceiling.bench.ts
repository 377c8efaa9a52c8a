import type { Firestore } from 'firebase-admin/firestore';

export interface CeilingResult {
  transactions: number;
  seconds: number;
  txPerSecond: number;
  transactionsIncludingWarmup: number;
}

/**
 * What the emulator itself can do: single-document read-then-write transactions, each on a document
 * of its own so none contend. The payments chain cannot be faster than this, so it is the yardstick.
 */
export async function measureEmulatorCeiling(db: Firestore, options: { concurrency: number; durationMs: number; warmupMs?: number }): Promise<CeilingResult> {
  const collection = db.collection('bench_ceiling');
  let sequence = 0;
  const run = async (durationMs: number): Promise<number> => {
    const deadline = Date.now() + durationMs;
    let committed = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (Date.now() < deadline) {
          const ref = collection.doc(`tx_${sequence++}`);
          await db.runTransaction(async (tx) => {
            const snap = await tx.get(ref);
            tx.set(ref, { counter: ((snap.get('counter') as number | undefined) ?? 0) + 1 });
          });
          committed += 1;
        }
      }),
    );
    return committed;
  };
  const warmup = await run(options.warmupMs ?? 1_000);
  const started = process.hrtime.bigint();
  const transactions = await run(options.durationMs);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { transactions, seconds, txPerSecond: transactions / seconds, transactionsIncludingWarmup: warmup + transactions };
}
