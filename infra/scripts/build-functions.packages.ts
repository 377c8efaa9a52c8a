import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';

// What the deploy bundle may leave to `npm install` on Cloud Functions, and at which version.

export interface PackageManifest {
  readonly name?: string;
  readonly version?: string;
  readonly type?: string;
  readonly main?: string;
  readonly exports?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
}

export function readManifest(file: string): PackageManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`; relative paths and builtins → null. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('.') || path.isAbsolute(specifier) || isBuiltin(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null) : parts[0];
}

function exportTargets(exports: unknown, conditions: string[], out: Array<{ conditions: string[]; target: string }>): void {
  if (typeof exports === 'string') out.push({ conditions, target: exports });
  else if (Array.isArray(exports)) for (const item of exports) exportTargets(item, conditions, out);
  else if (exports && typeof exports === 'object') {
    for (const [key, value] of Object.entries(exports)) exportTargets(value, key.startsWith('.') ? conditions : [...conditions, key], out);
  }
}

/**
 * True when Node 20's `require()` cannot load the package: it declares `"type": "module"` (or
 * points only at `.mjs` files) and offers no `require` export condition or `.cjs` file.
 * Older Node 20 releases have no require(esm), so such a package must be bundled in.
 */
export function isEsmOnly(manifest: PackageManifest): boolean {
  const targets: Array<{ conditions: string[]; target: string }> = [];
  if (manifest.exports !== undefined) exportTargets(manifest.exports, [], targets);
  else targets.push({ conditions: [], target: manifest.main ?? 'index.js' });
  const requirable = targets.some(({ conditions, target }) => {
    if (conditions.includes('import')) return false;
    if (conditions.includes('require') || /\.(cjs|json|node)$/.test(target)) return true;
    if (target.endsWith('.mjs')) return false;
    return manifest.type !== 'module' && (target.endsWith('.js') || !/\.[a-z]+$/.test(target));
  });
  return !requirable;
}

export interface ExternalPlan {
  /** Root dependencies left to `npm install` (importable with require). */
  readonly external: readonly string[];
  /** Root dependencies that must be bundled in because require() cannot load them. */
  readonly esmOnly: readonly string[];
}

/** Splits the root package.json `dependencies` into externals and ESM-only packages. */
export function planExternals(rootManifest: PackageManifest, nodeModules: string): ExternalPlan {
  const external: string[] = [];
  const esmOnly: string[] = [];
  for (const name of Object.keys(rootManifest.dependencies ?? {}).sort()) {
    (isEsmOnly(readManifest(path.join(nodeModules, name, 'package.json'))) ? esmOnly : external).push(name);
  }
  return { external, esmOnly };
}

/** The exact installed version of each package, so production installs what the tests ran. */
export function pinnedVersions(names: Iterable<string>, nodeModules: string): Record<string, string> {
  const pinned: Record<string, string> = {};
  for (const name of [...new Set(names)].sort()) {
    const { version } = readManifest(path.join(nodeModules, name, 'package.json'));
    if (!version) throw new Error(`${name} in ${nodeModules} has no version`);
    pinned[name] = version;
  }
  return pinned;
}

/** Package names of the bare imports esbuild left external (builtins and relative paths dropped). */
export function importedPackages(externalImports: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const specifier of externalImports) {
    const name = packageNameOf(specifier);
    if (name) names.add(name);
  }
  return [...names].sort();
}
