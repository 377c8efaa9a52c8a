/** Faults injected during a run, by kind: printed with the result so a clean run shows what it survived. */
export class FaultCounter {
  private readonly counts = new Map<string, number>();
  /** Off once the workload is done: the system must then reach quiescence on its own. */
  enabled = true;

  add(kind: string, n = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }
}
