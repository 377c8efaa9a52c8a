// What a task or event handler reports. Transient trouble is thrown instead (redeliver); these
// are final answers that acknowledge the message.
export type HandlerOutcome =
  | { readonly kind: 'done'; readonly detail?: string }
  | { readonly kind: 'dropped'; readonly reason: string };

export const done = (detail?: string): HandlerOutcome => ({ kind: 'done', detail });
export const dropped = (reason: string): HandlerOutcome => ({ kind: 'dropped', reason });
