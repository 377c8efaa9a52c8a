import { executeCapture } from './execute-capture.command';
import { executeRefund } from './execute-refund.command';
import { StuckWorkFinder } from './stuck-work.finder';
import type { HandlerOutcome } from './task-outcome';

type Deps = Parameters<typeof executeCapture>[0] & Parameters<typeof executeRefund>[0] & { stuck: StuckWorkFinder };

export interface StatusSyncResult {
  readonly examined: number;
  readonly settled: number;
  readonly stillPending: number;
}

/**
 * The status sync: captures and refunds a processor accepted to confirm later, whose confirmation has
 * not arrived within `pendingForMs` (a lost notification, a processor that never sends one), are
 * looked up at their processor by our reference, and what it reports is applied through the same
 * decisions as the notification (executeCapture / executeRefund look pending work up, never send it
 * again). One failing look-up does not stop the others; the next run tries again.
 */
export async function syncProcessorStatus(deps: Deps, options: { readonly pendingForMs: number; readonly limit: number; readonly nowMs: number }): Promise<StatusSyncResult> {
  const cutoff = options.nowMs - options.pendingForMs;
  const [payments, refunds] = await Promise.all([deps.stuck.stuckPayments(cutoff, options.limit), deps.stuck.stuckRefunds(cutoff, options.limit)]);
  const work: Array<() => Promise<HandlerOutcome>> = [
    ...payments.filter((p) => p.status === 'processing' && p.stage === 'capturing' && p.capturePending).map((p) => () => executeCapture(deps, p.id)),
    ...refunds.filter((r) => r.processorRefundId !== null).map((r) => () => executeRefund(deps, r.id)),
  ];
  let settled = 0;
  let stillPending = 0;
  for (const run of work) {
    const outcome = await run().catch((): HandlerOutcome => ({ kind: 'done', detail: 'lookup_failed' }));
    const detail = outcome.kind === 'done' ? outcome.detail : outcome.reason;
    if (detail === 'capture_pending' || detail === 'refund_pending' || detail === 'lookup_failed') stillPending++;
    else settled++;
  }
  return { examined: work.length, settled, stillPending };
}
