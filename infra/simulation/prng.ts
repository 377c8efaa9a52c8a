import seedrandom from 'seedrandom';

/**
 * The simulation's only source of randomness. Every decision stream (the workload, each fault
 * injector) is its own generator derived from the run's seed and a label, so the operations a seed
 * plans do not depend on how the faults happened to interleave with them.
 */
export class Prng {
  private readonly random: () => number;

  constructor(readonly seed: string) {
    this.random = seedrandom(seed);
  }

  /** An independent stream for one concern (e.g. 'payment:17', 'faults:processor'). */
  fork(label: string): Prng {
    return new Prng(`${this.seed}/${label}`);
  }

  next(): number {
    return this.random();
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /** One of the keys, chosen with the given relative weights. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.random() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}
