import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFunctions, BuildResult, REPO_ROOT, SANCTIONS_SNAPSHOT_DIR } from './build-functions';
import { isEsmOnly, packageNameOf, readManifest } from './build-functions.packages';
import { readZipEntries } from './build-functions.test-helper';

const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Packages the bundle still require()s by a literal name, read from its text rather than the metafile. */
function bareRequires(bundle: string): string[] {
  const names = new Set<string>();
  for (const [, specifier] of bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    const name = isBuiltin(specifier) ? null : packageNameOf(specifier);
    if (name) names.add(name);
  }
  return [...names].sort();
}

describe('buildFunctions: the deploy bundle Terraform uploads', () => {
  let workDir: string;
  let result: BuildResult;
  let written: { main?: string; engines?: { node?: string }; dependencies?: Record<string, string> };

  beforeAll(async () => {
    // given a build into a temporary directory
    workDir = mkdtempSync(path.join(tmpdir(), 'build-functions-'));
    result = await buildFunctions({ outDir: path.join(workDir, 'functions') });
    written = JSON.parse(readFileSync(result.packageJsonPath, 'utf8'));
  }, 60_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('writes the bundle and the zip where it was asked to', () => {
    expect(result.bundlePath).toBe(path.join(workDir, 'functions', 'index.js'));
    expect(existsSync(result.bundlePath)).toBe(true);
    expect(existsSync(`${result.bundlePath}.map`)).toBe(true);
    expect(result.zipPath).toBe(path.join(workDir, 'functions-source.zip'));
  });

  it('writes a package.json that starts index.js on Node 20', () => {
    expect(written.main).toBe('index.js');
    expect(written.engines?.node).toBe('20');
  });

  it('declares every package the bundle still requires, pinned to the version installed here', () => {
    // when the bundle's text is searched for require("<package>")
    const required = bareRequires(readFileSync(result.bundlePath, 'utf8'));

    // then each is a dependency at exactly the version the tests ran against
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) {
      const version = written.dependencies?.[name];
      expect({ name, version }).toEqual({ name, version: expect.stringMatching(EXACT_VERSION) });
      expect(version).toBe(readManifest(path.join(NODE_MODULES, name, 'package.json')).version);
    }
  });

  it('declares no dependency the bundle does not import', () => {
    const required = bareRequires(readFileSync(result.bundlePath, 'utf8'));

    expect(Object.keys(written.dependencies ?? {}).sort()).toEqual(required);
  });

  it('leaves no ESM-only package external, and bundles the CEL library in', () => {
    for (const name of Object.keys(written.dependencies ?? {})) {
      expect({ name, esmOnly: isEsmOnly(readManifest(path.join(NODE_MODULES, name, 'package.json'))) }).toEqual({ name, esmOnly: false });
    }
    expect(result.esmOnlyBundled).toContain('@marcbachmann/cel-js');
    expect(result.bundledPackages).toContain('@marcbachmann/cel-js');
    expect(written.dependencies).not.toHaveProperty('@marcbachmann/cel-js');
  });

  it('zips index.js, package.json and the sanctions snapshot at the archive root', async () => {
    // when
    const entries = await readZipEntries(result.zipPath);

    // then
    expect(entries.get('index.js')?.equals(readFileSync(result.bundlePath))).toBe(true);
    expect(entries.get('package.json')?.equals(readFileSync(result.packageJsonPath))).toBe(true);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(result.runtimeFiles.slice()));
    expect(result.runtimeFiles).toEqual([`${SANCTIONS_SNAPSHOT_DIR}/sdn.csv`, `${SANCTIONS_SNAPSHOT_DIR}/alt.csv`]);
  });

  it('loads in plain Node with only the declared externals, registering the functions without connecting anywhere', () => {
    // given an environment like a cold start that has not picked a function yet (with a valid processor configuration)
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: NODE_MODULES, PROCESSOR_TEST_URL: 'http://127.0.0.1:8091', PROCESSOR_TEST_API_KEY: 'sk_test_bundle' };
    delete env.FUNCTION_TARGET;

    // when
    const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(result.bundlePath)})`], {
      cwd: result.outDir,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });

    // then it exits by itself (nothing holds the event loop open) and cleanly; stderr shows why if not
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: expect.any(String) });
  });

  it('refuses to start when test-mode traffic could reach a processor that is not a sandbox', () => {
    // given a cold start whose test processor URL is a live host
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: NODE_MODULES, PROCESSOR_TEST_URL: 'https://api.processor.example', PROCESSOR_TEST_API_KEY: 'sk_test_bundle' };
    delete env.FUNCTION_TARGET;

    // when the module loads
    const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(result.bundlePath)})`], { cwd: result.outDir, env, encoding: 'utf8', timeout: 20_000 });

    // then it exits with one clear error, before serving anything
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Refusing to start: invalid processor configuration: PROCESSOR_TEST_URL host api.processor.example is not a sandbox');
  });
});
