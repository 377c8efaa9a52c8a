import type { HttpFunction } from '@google-cloud/functions-framework';
import { z } from 'zod';
import { Logger } from '../../shared/logger';
import type { DeadLetterStore } from '../adapters/dead-letter.firestore-store';
import { isUnfitData } from '../adapters/stored-document';
import { HandlerOutcome } from '../application/handler-outcome';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// Cloud Tasks reads the answer: 2xx acknowledges (done, or permanently failed and recorded), any
// other status means "try again later" with the queue's backoff.
/** What a task function needs besides what its command needs. */
export interface TaskDeps {
  readonly deadLetters: DeadLetterStore;
  readonly log: Logger;
}

/** deps: the function's dependencies, asked for on the first request (cold start stays cheap). */
/** Which delivery of the task this is: X-CloudTasks-TaskRetryCount (0 on the first). */
export interface TaskDelivery {
  readonly retryCount: number;
}

export function taskFunction<T extends z.ZodType, D extends TaskDeps>(
  name: string,
  schema: T,
  deps: () => D,
  run: (payload: z.infer<T>, deps: D, delivery: TaskDelivery) => Promise<HandlerOutcome>,
): HttpFunction {
  return async (req, res) => {
    const d = deps();
    const taskName = req.get('x-cloudtasks-taskname') ?? 'unnamed';
    const log = d.log.child({ function: name, task: taskName, retry: req.get('x-cloudtasks-taskretrycount') });
    const payload = schema.safeParse(req.body);
    if (!payload.success) {
      await d.deadLetters.record({ source: name, messageId: taskName, reason: `invalid_payload: ${payload.error.issues[0]?.message}`, payload: req.body });
      log.error('task payload rejected', { issues: payload.error.issues.length });
      res.status(200).json({ outcome: 'dropped', reason: 'invalid_payload' });
      return;
    }
    try {
      // A missing or malformed header counts as a retry: only a certain first delivery may assume it is first.
      const retryCount = Number.parseInt(req.get('x-cloudtasks-taskretrycount') ?? '', 10);
      const outcome = await run(payload.data, d, { retryCount: Number.isInteger(retryCount) && retryCount >= 0 ? retryCount : 1 });
      if (outcome.kind === 'dropped') {
        await d.deadLetters.record({ source: name, messageId: taskName, reason: outcome.reason, payload: payload.data });
        log.warn('task dropped', { reason: outcome.reason });
      } else {
        log.debug('task done', { detail: outcome.detail });
      }
      res.status(200).json(outcome);
    } catch (error) {
      if (isUnfitData(error)) {
        await d.deadLetters.record({ source: name, messageId: taskName, reason: `unfit_data: ${errorText(error)}`, payload: payload.data });
        log.error('task dropped: data does not match its schema', { error: errorText(error) });
        res.status(200).json({ outcome: 'dropped', reason: 'unfit_data' });
        return;
      }
      log.warn('task failed transiently; Cloud Tasks will retry', { error: String(error) });
      res.status(503).json({ outcome: 'retry' });
    }
  };
}
