import { basisPoints } from './money';

// Platform pricing: a percentage of the captured amount, rounded half-up to the minor unit.
export const DEFAULT_FEE_BPS = 290;

export const platformFee = (capturedAmount: number, bps: number = DEFAULT_FEE_BPS): number => basisPoints(capturedAmount, bps);
