/**
 * How long after a SIGKILL the Pub/Sub emulator may still hand back what the killed process held. Measured:
 * with the bridge's 10 s lease a held message came back 18 s after the kill (the emulator checks leases
 * periodically); the subscription's own ack deadline (60 s) bounds it whatever the client asked for.
 */
export const KILLED_LEASE_RETURN_MS = 65_000;
/** Messages pulled by a killed process but never pushed are not in the log at all: nothing is quiet before this. */
export const MIN_QUIET_AFTER_KILL_MS = 30_000;

/**
 * The Pub/Sub pushes still owed a delivery, from the push bridge's log (started / failed → owed;
 * delivered / redelivered → paid). A push the killed process had started stays owed after the kill:
 * the emulator redelivers it to the new process once the lease runs out, and the new bridge logs
 * its delivery under the same key. Were the redelivery never to come (the old process's ack got
 * through just before the kill), the debt expires after the longest lease the emulator keeps.
 */
export class OwedDeliveries {
  private readonly owed = new Map<string, number>();
  private lastKillMs = -Infinity;

  owe(delivery: string): void {
    this.owed.set(delivery, Infinity);
  }

  paid(delivery: string): void {
    this.owed.delete(delivery);
  }

  killed(nowMs: number): void {
    this.lastKillMs = nowMs;
    for (const [delivery, until] of this.owed) this.owed.set(delivery, Math.min(until, nowMs + KILLED_LEASE_RETURN_MS));
  }

  /** Nothing is owed now, and any message a killed process held unlogged has had time to come back. */
  settled(nowMs: number): boolean {
    for (const [delivery, until] of this.owed) if (until <= nowMs) this.owed.delete(delivery);
    return this.owed.size === 0 && nowMs - this.lastKillMs >= MIN_QUIET_AFTER_KILL_MS;
  }
}
