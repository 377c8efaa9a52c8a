import seedrandom from 'seedrandom';

/**
 * A test knob for the simulation (infra/simulation): Pub/Sub push delivers at least once and, for
 * unordered subscriptions, in any order. `LOCAL_PUSH_FAULTS` ('{"seed":"7:0","duplicate":0.05,
 * "delay":0.1,"maxDelayMs":400}') makes the local push bridge delay some messages (so later ones
 * overtake them) and deliver some twice, with decisions drawn from a seeded generator. Unset, as
 * everywhere but the simulation, the bridge delivers each message once, at once.
 */
export interface PushFaults {
  delayMs(): number;
  duplicate(): boolean;
}

export function pushFaultsFromEnv(value: string | undefined): PushFaults | null {
  if (!value) return null;
  const config = JSON.parse(value) as { seed?: string; duplicate?: number; delay?: number; maxDelayMs?: number };
  const random = seedrandom(String(config.seed ?? '0'));
  const duplicateRate = config.duplicate ?? 0;
  const delayRate = config.delay ?? 0;
  const maxDelayMs = config.maxDelayMs ?? 0;
  return {
    delayMs: () => (random() < delayRate ? Math.floor(random() * maxDelayMs) : 0),
    duplicate: () => random() < duplicateRate,
  };
}
