/**
 * A part of the configuration that only some functions need (the identity vendor, the task
 * target URL). It is read and checked with everything else at cold start, but a problem in it is
 * reported when a module that needs it is built, so a function that never uses it still starts
 * (Terraform gives the identity variables to the identity functions only).
 */
export type ConfigSection<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export const sectionOf = <T>(read: () => T): ConfigSection<T> => {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
};

/** The section's value; throws its problem (naming the variables, never a value). */
export function configured<T>(section: ConfigSection<T>): T {
  if (section.ok) return section.value;
  throw new Error(section.problem);
}
