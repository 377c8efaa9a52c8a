/** Stable codes so callers (CLI, test setup) can branch without parsing messages. */
export type PrerequisiteCode = 'EMULATOR_NOT_FOUND' | 'JAVA_NOT_FOUND';

/**
 * Something the machine must provide is absent. The message is exactly one line telling the
 * operator what to install or set, because it is usually printed verbatim by a CLI or test run.
 */
export class PrerequisiteMissingError extends Error {
  override readonly name = 'PrerequisiteMissingError';

  constructor(
    readonly code: PrerequisiteCode,
    message: string,
  ) {
    super(message);
  }
}

export type EmulatorStartFailure = 'EXITED_EARLY' | 'READY_TIMEOUT' | 'SPAWN_FAILED' | 'PORT_IN_USE';

/** The emulator was launched but never became usable; carries its last output for diagnosis. */
export class EmulatorStartError extends Error {
  override readonly name = 'EmulatorStartError';

  constructor(
    readonly reason: EmulatorStartFailure,
    summary: string,
    readonly lastOutput: readonly string[],
  ) {
    super(lastOutput.length > 0 ? `${summary}; last output:\n  ${lastOutput.join('\n  ')}` : summary);
  }
}
