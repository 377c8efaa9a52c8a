/** A value built on first use and kept: `const db = once(() => connect())`, then `db()` anywhere. */
export const once = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
};
