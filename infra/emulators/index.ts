export { findFreePort } from './free-port';
export { PrerequisiteMissingError, EmulatorStartError } from './emulator-errors';
export type { PrerequisiteCode, EmulatorStartFailure } from './emulator-errors';
export type { RunningEmulator } from './emulator-process';
export { startFirestoreEmulator, resetFirestore, FIRESTORE_JVM_ARGS } from './firestore-emulator.launcher';
export type { FirestoreEmulatorOptions } from './firestore-emulator.launcher';
export { startPubsubEmulator } from './pubsub-emulator.launcher';
export type { PubsubEmulatorOptions } from './pubsub-emulator.launcher';
