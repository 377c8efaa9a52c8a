import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';

const TERMINAL = ['succeeded', 'failed', 'canceled'];
// A frequent read of the few in-flight ids. A collection listener would be simpler, but the emulator
// re-evaluates listeners on every write, and that work would be charged to the chain being measured.
const SWEEP_EVERY_MS = 100;

/**
 * Completion is watched on Firestore (one batched read of the in-flight payments every 100 ms) rather
 * than by polling GET /v1/payments, so the measurement adds no API load.
 */
export class CompletionWatcher {
  private readonly seen = new Map<string, { status: string; atMs: number }>();
  private readonly waiting = new Map<string, (outcome: { status: string; atMs: number }) => void>();
  /** When each payment was first seen at each `stage`: where the time between create and done goes. */
  readonly stageSeenAt = new Map<string, Record<string, number>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly db: Firestore) {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
  }

  wait(id: string, timeoutMs: number): Promise<{ status: string; atMs: number } | null> {
    const known = this.seen.get(id);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
    });
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private settle(id: string, status: string, atMs: number): void {
    if (!TERMINAL.includes(status) || this.seen.has(id)) return;
    this.seen.set(id, { status, atMs });
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.({ status, atMs });
  }

  private async sweep(): Promise<void> {
    const ids = [...this.waiting.keys()];
    if (ids.length === 0) return;
    const snaps = await this.db.getAll(...ids.map((id) => this.db.collection(COLLECTIONS.payments).doc(id))).catch(() => []);
    const atMs = performance.now();
    for (const snap of snaps) {
      if (!snap.exists) continue;
      const stages = this.stageSeenAt.get(snap.id) ?? {};
      stages[String(snap.get('stage'))] ??= atMs;
      this.stageSeenAt.set(snap.id, stages);
      this.settle(snap.id, String(snap.get('status')), atMs);
    }
  }
}

