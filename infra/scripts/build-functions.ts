import { build, Metafile } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSanctionsDataDir } from '../../functions/src/compliance/adapters/ofac-csv.sanctions-source';
import { importedPackages, packageNameOf, pinnedVersions, planExternals, readManifest } from './build-functions.packages';
import { zipDirectory } from './build-functions.zip';

// `npm run build:functions`: the source zip Terraform deploys to every Cloud Function. One CommonJS
// bundle of functions/src/index.ts; dependencies stay external for Cloud Functions' `npm install`,
// except ESM-only packages, which a CommonJS bundle on Node 20 could not require().

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where the bundle expects the OFAC snapshot; production sets SANCTIONS_DATA_DIR to it (see terraform/README.md). */
export const SANCTIONS_SNAPSHOT_DIR = 'data/sanctions/ofac';
const SANCTIONS_FILES = ['sdn.csv', 'alt.csv'] as const;

export interface BuildOptions {
  /** The bundle directory; emptied first. Default `<repo>/dist/functions`. */
  readonly outDir?: string;
  /** Default: `functions-source.zip` beside outDir. */
  readonly zipPath?: string;
  readonly repoRoot?: string;
  /** The OFAC snapshot copied into the bundle; default: where the sources find it locally. */
  readonly sanctionsSourceDir?: string;
}

export interface BuildResult {
  readonly outDir: string;
  readonly bundlePath: string;
  readonly packageJsonPath: string;
  readonly zipPath: string;
  /** Written to the bundle's package.json: exactly the external packages it imports, pinned. */
  readonly dependencies: Readonly<Record<string, string>>;
  /** Root dependencies bundled in because require() cannot load them. */
  readonly esmOnlyBundled: readonly string[];
  /** Every package whose code ended up inside index.js. */
  readonly bundledPackages: readonly string[];
  readonly runtimeFiles: readonly string[];
  readonly zipEntries: readonly string[];
  readonly warnings: readonly string[];
}

function packagesInBundle(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    const name = at >= 0 ? packageNameOf(input.slice(at + 'node_modules/'.length)) : null;
    if (name) names.add(name);
  }
  return [...names].sort();
}

function copySanctionsSnapshot(sourceDir: string, outDir: string, warnings: string[]): string[] {
  const missing = SANCTIONS_FILES.filter((f) => !existsSync(path.join(sourceDir, f)));
  if (missing.length > 0) {
    warnings.push(`no OFAC snapshot in ${sourceDir} (${missing.join(', ')} missing): set SANCTIONS_SOURCE_DIR in production`);
    return [];
  }
  mkdirSync(path.join(outDir, SANCTIONS_SNAPSHOT_DIR), { recursive: true });
  return SANCTIONS_FILES.map((f) => {
    copyFileSync(path.join(sourceDir, f), path.join(outDir, SANCTIONS_SNAPSHOT_DIR, f));
    return `${SANCTIONS_SNAPSHOT_DIR}/${f}`;
  });
}

export async function buildFunctions(options: BuildOptions = {}): Promise<BuildResult> {
  const repoRoot = path.resolve(options.repoRoot ?? REPO_ROOT);
  const outDir = path.resolve(options.outDir ?? path.join(repoRoot, 'dist', 'functions'));
  const zipPath = path.resolve(options.zipPath ?? path.join(path.dirname(outDir), 'functions-source.zip'));
  if (outDir === repoRoot || repoRoot.startsWith(outDir + path.sep)) throw new Error(`refusing to empty ${outDir}: it holds the repository`);
  const nodeModules = path.join(repoRoot, 'node_modules');
  const rootManifest = readManifest(path.join(repoRoot, 'package.json'));
  const plan = planExternals(rootManifest, nodeModules);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundlePath = path.join(outDir, 'index.js');
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [path.join(repoRoot, 'functions', 'src', 'index.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: plan.external.flatMap((name) => [name, `${name}/*`]),
    metafile: true,
    logLevel: 'silent',
  });
  const warnings = result.warnings.map((w) => `esbuild: ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ''}`);

  const output = Object.entries(result.metafile.outputs).find(([file]) => path.resolve(repoRoot, file) === bundlePath);
  if (!output) throw new Error(`esbuild's metafile does not describe ${bundlePath}`);
  const externalImports = output[1].imports.filter((i) => i.external).map((i) => i.path);
  const dependencies = pinnedVersions(importedPackages(externalImports), nodeModules);

  const packageJsonPath = path.join(outDir, 'package.json');
  const manifest = {
    name: `${rootManifest.name ?? 'app'}-functions`,
    version: rootManifest.version ?? '0.0.0',
    private: true,
    main: 'index.js',
    engines: { node: '20' },
    dependencies,
  };
  writeFileSync(packageJsonPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const runtimeFiles = copySanctionsSnapshot(options.sanctionsSourceDir ?? defaultSanctionsDataDir({}), outDir, warnings);

  mkdirSync(path.dirname(zipPath), { recursive: true });
  const zipEntries = await zipDirectory(outDir, zipPath);
  return {
    outDir,
    bundlePath,
    packageJsonPath,
    zipPath,
    dependencies,
    esmOnlyBundled: plan.esmOnly,
    bundledPackages: packagesInBundle(result.metafile),
    runtimeFiles,
    zipEntries,
    warnings,
  };
}

async function main(): Promise<void> {
  const r = await buildFunctions();
  const kib = (file: string): string => `${Math.round(statSync(file).size / 1024)} KiB`;
  console.log(`bundle   ${path.relative(REPO_ROOT, r.bundlePath)} (${kib(r.bundlePath)})`);
  console.log(`external ${Object.entries(r.dependencies).map(([n, v]) => `${n}@${v}`).join(', ')}`);
  console.log(`bundled  ${r.bundledPackages.join(', ') || '(no packages)'}; ESM-only: ${r.esmOnlyBundled.join(', ') || 'none'}`);
  console.log(`files    ${r.runtimeFiles.join(', ') || '(none)'}`);
  for (const warning of r.warnings) console.warn(`warning  ${warning}`);
  console.log(`zip      ${path.relative(REPO_ROOT, r.zipPath)} (${kib(r.zipPath)}, ${r.zipEntries.length} files)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
