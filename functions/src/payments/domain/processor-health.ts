import { PROCESSOR_NAMES, ProcessorAttempt, ProcessorName } from './payment';

// How each processor has been doing over a sliding window, from the attempts payments record (no
// counter document of its own, so nothing on the payment path gets hotter): how often it answered,
// how often it approved, how long it took, and the failures in a row at the end of the window, which
// is what a breaker trips on.

export type ProcessorState = 'up' | 'degraded' | 'down' | 'idle';

export interface ProcessorHealth {
  readonly processor: ProcessorName;
  readonly livemode: boolean;
  readonly attempts: number;
  readonly authorized: number;
  readonly declined: number;
  readonly notReached: number;
  readonly unknown: number;
  /** Answered (authorised or declined) / attempts; null without attempts. */
  readonly successRate: number | null;
  readonly approvalRate: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Not reached or unknown, in a row, ending with the latest attempt. */
  readonly failuresInARow: number;
  readonly state: ProcessorState;
}

/** As the connectors' breakers: this many failures in a row and the processor counts as down. */
export const DOWN_AFTER_FAILURES = 10;
const DEGRADED_BELOW = 0.95;

export function summarizeHealth(attempts: ReadonlyArray<ProcessorAttempt & { readonly livemode: boolean }>, sinceMs: number): ProcessorHealth[] {
  const summaries: ProcessorHealth[] = [];
  for (const livemode of [false, true]) {
    for (const processor of PROCESSOR_NAMES) {
      const mine = attempts.filter((a) => a.processor === processor && a.livemode === livemode && a.atMs >= sinceMs).sort((a, b) => a.atMs - b.atMs);
      const count = (outcome: ProcessorAttempt['outcome']) => mine.filter((a) => a.outcome === outcome).length;
      const [authorized, declined, notReached, unknown] = [count('authorized'), count('declined'), count('not_reached'), count('unknown')];
      const answered = authorized + declined;
      const latencies = mine.filter((a) => a.outcome === 'authorized' || a.outcome === 'declined').map((a) => a.latencyMs).sort((a, b) => a - b);
      let failuresInARow = 0;
      for (let i = mine.length - 1; i >= 0 && (mine[i]!.outcome === 'not_reached' || mine[i]!.outcome === 'unknown'); i--) failuresInARow++;
      const successRate = mine.length === 0 ? null : answered / mine.length;
      const state: ProcessorState =
        mine.length === 0 ? 'idle' : failuresInARow >= DOWN_AFTER_FAILURES ? 'down' : successRate !== null && successRate < DEGRADED_BELOW ? 'degraded' : 'up';
      summaries.push({
        processor,
        livemode,
        attempts: mine.length,
        authorized,
        declined,
        notReached,
        unknown,
        successRate,
        approvalRate: answered === 0 ? null : authorized / answered,
        latencyP50Ms: percentile(latencies, 50),
        latencyP95Ms: percentile(latencies, 95),
        failuresInARow,
        state,
      });
    }
  }
  return summaries;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
