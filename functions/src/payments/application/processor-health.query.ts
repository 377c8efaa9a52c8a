import type { ProcessorAttempt } from '../domain/payment';
import { ProcessorHealth, summarizeHealth } from '../domain/processor-health';

/** Port: the attempts recorded by payments updated since a time, most recent first, bounded. */
export interface RecentAttemptsReader {
  recentAttempts(sinceMs: number, limit: number): Promise<ReadonlyArray<ProcessorAttempt & { readonly livemode: boolean }>>;
}

export const HEALTH_WINDOW_MS = 15 * 60_000;
/** Payments read per request: the staff view stays cheap however busy the platform is (the window is then the latest payments). */
export const HEALTH_PAYMENTS_READ = 2_000;

export async function processorHealth(deps: { attempts: RecentAttemptsReader; nowMs: number }): Promise<{ windowMs: number; health: ProcessorHealth[] }> {
  const sinceMs = deps.nowMs - HEALTH_WINDOW_MS;
  const attempts = await deps.attempts.recentAttempts(sinceMs, HEALTH_PAYMENTS_READ);
  return { windowMs: HEALTH_WINDOW_MS, health: summarizeHealth(attempts, sinceMs) };
}
