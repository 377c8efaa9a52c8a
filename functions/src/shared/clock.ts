export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export function fixedClock(startMs: number): Clock & { advance(ms: number): void } {
  let current = startMs;
  return { nowMs: () => current, advance: (ms) => void (current += ms) };
}

export const toUnixSeconds = (ms: number): number => Math.floor(ms / 1000);
