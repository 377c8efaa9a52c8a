import type { Firestore } from 'firebase-admin/firestore';

/**
 * Waits for payments and refunds to reach a status by reading them straight from the emulator (one
 * batched read of everything waited on, every 250 ms), so watching adds no load to the API.
 */
export class StatusWatcher {
  private readonly waiting = new Map<string, Array<{ collection: string; done: (status: string) => boolean; resolve: (status: string | null) => void; deadline: number }>>();
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;

  constructor(private readonly db: Firestore) {
    this.timer = setInterval(() => void this.sweep(), 250);
  }

  wait(collection: 'payments' | 'refunds', id: string, done: (status: string) => boolean, timeoutMs: number): Promise<string | null> {
    return new Promise((resolve) => {
      const key = `${collection}/${id}`;
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), { collection, done, resolve, deadline: Date.now() + timeoutMs }]);
    });
  }

  close(): void {
    clearInterval(this.timer);
    for (const waiters of this.waiting.values()) for (const w of waiters) w.resolve(null);
    this.waiting.clear();
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || this.waiting.size === 0) return;
    this.sweeping = true;
    try {
      const keys = [...this.waiting.keys()];
      const snaps = await this.db.getAll(...keys.map((key) => this.db.doc(key))).catch(() => null);
      if (!snaps) return;
      const now = Date.now();
      snaps.forEach((snap, i) => {
        const status = snap.exists ? String(snap.get('status')) : null;
        const waiters = this.waiting.get(keys[i]) ?? [];
        const still = waiters.filter((w) => {
          if (status !== null && w.done(status)) return w.resolve(status), false;
          if (now > w.deadline) return w.resolve(status), false;
          return true;
        });
        if (still.length > 0) this.waiting.set(keys[i], still);
        else this.waiting.delete(keys[i]);
      });
    } finally {
      this.sweeping = false;
    }
  }
}
