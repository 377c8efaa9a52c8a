import type { RateLimitSettings } from './emulator-types';
import { DEFAULT_RATE_LIMITS } from './queue-store';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { protoToMs, type ProtoSeconds } from './proto-time';

/** Queue fields as decoded from the wire; proto3 leaves unsent (or zero) fields absent. */
export interface ProtoQueue {
  name?: string;
  rateLimits?: { maxDispatchesPerSecond?: number; maxConcurrentDispatches?: number } | null;
  retryConfig?: {
    maxAttempts?: number;
    maxRetryDuration?: ProtoSeconds | null;
    minBackoff?: ProtoSeconds | null;
    maxBackoff?: ProtoSeconds | null;
    maxDoublings?: number;
  } | null;
}

export interface QueueSettings {
  rateLimits: RateLimitSettings;
  retry: RetryPolicy;
}

type Leaf = {
  path: string;
  read: (q: ProtoQueue) => number | undefined;
  write: (s: QueueSettings, value: number) => void;
  fallback: number;
};

const positive = (value: number | undefined) => (value ? value : undefined);

/** Every settable queue field, by its snake_case field-mask path. */
const LEAVES: Leaf[] = [
  {
    path: 'rate_limits.max_dispatches_per_second',
    read: (q) => positive(q.rateLimits?.maxDispatchesPerSecond),
    write: (s, v) => (s.rateLimits.maxDispatchesPerSecond = v),
    fallback: DEFAULT_RATE_LIMITS.maxDispatchesPerSecond,
  },
  {
    path: 'rate_limits.max_concurrent_dispatches',
    read: (q) => positive(q.rateLimits?.maxConcurrentDispatches),
    write: (s, v) => (s.rateLimits.maxConcurrentDispatches = v),
    fallback: DEFAULT_RATE_LIMITS.maxConcurrentDispatches,
  },
  {
    path: 'retry_config.max_attempts',
    read: (q) => positive(q.retryConfig?.maxAttempts),
    write: (s, v) => (s.retry.maxAttempts = v),
    fallback: DEFAULT_RETRY_POLICY.maxAttempts,
  },
  {
    path: 'retry_config.max_retry_duration',
    read: (q) => protoToMs(q.retryConfig?.maxRetryDuration),
    write: (s, v) => (s.retry.maxRetryDurationMs = v),
    fallback: DEFAULT_RETRY_POLICY.maxRetryDurationMs,
  },
  {
    path: 'retry_config.min_backoff',
    read: (q) => positive(protoToMs(q.retryConfig?.minBackoff)),
    write: (s, v) => (s.retry.minBackoffMs = v),
    fallback: DEFAULT_RETRY_POLICY.minBackoffMs,
  },
  {
    path: 'retry_config.max_backoff',
    read: (q) => positive(protoToMs(q.retryConfig?.maxBackoff)),
    write: (s, v) => (s.retry.maxBackoffMs = v),
    fallback: DEFAULT_RETRY_POLICY.maxBackoffMs,
  },
  {
    path: 'retry_config.max_doublings',
    read: (q) => positive(q.retryConfig?.maxDoublings),
    write: (s, v) => (s.retry.maxDoublings = v),
    fallback: DEFAULT_RETRY_POLICY.maxDoublings,
  },
];

const camelToSnake = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Applies a queue update. Without a field mask, the fields present are merged over the current
 * settings. With a mask, exactly the masked fields change, and a masked field left out of the
 * request returns to its default (field-mask semantics).
 */
export function applyQueueUpdate(current: QueueSettings, update: ProtoQueue, maskPaths?: string[]): QueueSettings {
  const next: QueueSettings = { rateLimits: { ...current.rateLimits }, retry: { ...current.retry } };
  const mask = maskPaths?.length ? maskPaths.map(camelToSnake) : undefined;
  for (const leaf of LEAVES) {
    const covered = !mask || mask.some((p) => leaf.path === p || leaf.path.startsWith(`${p}.`));
    if (!covered) continue;
    const given = leaf.read(update);
    if (given !== undefined) leaf.write(next, given);
    else if (mask) leaf.write(next, leaf.fallback);
  }
  return next;
}

/** Settings for a new queue: defaults with the request's fields merged in. */
export function settingsForNewQueue(queue: ProtoQueue): QueueSettings {
  return applyQueueUpdate({ rateLimits: { ...DEFAULT_RATE_LIMITS }, retry: { ...DEFAULT_RETRY_POLICY } }, queue);
}
