/**
 * A test knob for the simulation (infra/simulation): Cloud Tasks delivers at least once and in no
 * promised order, so handlers must cope with a task arriving twice or after a later one. Left unset
 * (the default everywhere but the simulation), the emulator delivers each attempt once, when due.
 */
export interface DeliveryFaults {
  /** Extra wait before a due task is dispatched, so that tasks overtake each other (0 = none). */
  delayMs(taskName: string): number;
  /** Whether this attempt is also sent a second time, concurrently: a duplicate delivery. */
  duplicate(taskName: string): boolean;
}
