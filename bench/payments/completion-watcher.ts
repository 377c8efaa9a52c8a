import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';

// Where a payment's chain stops: the three final statuses, and a hold for review (a gate's verdict) or
// for a manual capture, which would otherwise be waited on until the timeout.
const TERMINAL = ['succeeded', 'failed', 'canceled', 'requires_review', 'requires_capture'];
// A frequent read of the few in-flight ids. A collection listener would be simpler, but the emulator
// re-evaluates listeners on every write, and that work would be charged to the chain being measured.
const SWEEP_EVERY_MS = 100;

export interface Outcome {
  status: string;
  /** performance.now() of the sweep that first saw the payment stopped. */
  atMs: number;
  /** Epoch ms at which the emulator committed the write that stopped it (the document's update time). */
  committedAtEpochMs: number;
}

/**
 * Completion is watched on Firestore (one batched read of the in-flight payments every 100 ms) rather
 * than by polling GET /v1/payments, so the measurement adds no API load.
 */
export class CompletionWatcher {
  private readonly seen = new Map<string, Outcome>();
  private readonly waiting = new Map<string, (outcome: Outcome) => void>();
  /** When each payment was first seen at each `stage`: where the time between create and done goes. */
  readonly stageSeenAt = new Map<string, Record<string, number>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly db: Firestore,
    sweepEveryMs = SWEEP_EVERY_MS,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), sweepEveryMs);
  }

  wait(id: string, timeoutMs: number): Promise<Outcome | null> {
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

  private settle(id: string, outcome: Outcome): void {
    if (!TERMINAL.includes(outcome.status) || this.seen.has(id)) return;
    this.seen.set(id, outcome);
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(outcome);
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
      this.settle(snap.id, { status: String(snap.get('status')), atMs, committedAtEpochMs: snap.updateTime ? snap.updateTime.toMillis() + (snap.updateTime.nanoseconds % 1e6) / 1e6 : performance.timeOrigin + atMs });
    }
  }
}

