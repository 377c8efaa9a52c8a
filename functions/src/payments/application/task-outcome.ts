// The task and event shells' outcome type lives in the platform (it sits below the contexts);
// re-exported for the payments commands.
export { done, dropped } from '../../platform/application/handler-outcome';
export type { HandlerOutcome } from '../../platform/application/handler-outcome';
