/**
 * The shape of one no-op chain, derived from what the real chain did in the same bench run (its
 * invocations, task creations and publishes per succeeded payment, counted at the proxies), so the
 * comparison has the same hops whatever the chain looks like today.
 */
export interface NoopPlan {
  /** Task-dispatched invocations after the entry call, each creating the next task. */
  taskHops: number;
  /** Messages published per chain, spread over the entry call and the task hops. */
  publishes: number;
  /** Push deliveries per chain (one no-op invocation each), over `subscriptions` subscriptions. */
  pushes: number;
  subscriptions: number;
}

export interface ChainShape {
  taskDispatchesPerPayment: number;
  pushesPerPayment: number;
  messagesPublishedPerPayment: number;
}

export function noopPlanFrom(shape: ChainShape): NoopPlan {
  const taskHops = Math.max(0, Math.round(shape.taskDispatchesPerPayment));
  const pushes = Math.max(0, Math.round(shape.pushesPerPayment));
  // A push needs a published message; with more pushes than messages a message fans out to several subscriptions.
  const publishes = Math.max(Math.round(shape.messagesPublishedPerPayment), pushes > 0 ? 1 : 0);
  const subscriptions = publishes === 0 ? 0 : Math.max(1, Math.ceil(pushes / publishes));
  return { taskHops, publishes, pushes, subscriptions };
}

/** The messages the hop publishes (hop 0 is the entry call, 1…taskHops the task hops): message m goes out at hop m mod (taskHops + 1). */
export function messagesAtHop(plan: NoopPlan, hop: number): number[] {
  const messages: number[] = [];
  for (let m = 0; m < plan.publishes; m++) if (m % (plan.taskHops + 1) === hop) messages.push(m);
  return messages;
}

/** The subscriptions that deliver message m: delivery d goes to message d mod publishes, subscription ⌊d / publishes⌋. */
export function subscriptionsOf(plan: NoopPlan, message: number): number[] {
  const subscriptions: number[] = [];
  for (let d = message; d < plan.pushes; d += plan.publishes) subscriptions.push(Math.floor(d / plan.publishes));
  return subscriptions;
}

/** Invocations one chain makes: the entry call, the task hops, the pushes. */
export const invocationsPerChain = (plan: NoopPlan): number => 1 + plan.taskHops + plan.pushes;
