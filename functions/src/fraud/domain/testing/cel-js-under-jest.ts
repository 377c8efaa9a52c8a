import { buildSync } from 'esbuild';

/**
 * Jest on Node 20 cannot require() an ES-module-only package from node_modules (its own loader only
 * gained require(esm) for Node 24.9+), while plain Node >= 20.19 and tsx can. Test files that touch CEL
 * therefore mock '@marcbachmann/cel-js' with this CommonJS bundle of the very same installed code:
 *
 *   jest.mock('@marcbachmann/cel-js', () => jest.requireActual('./testing/cel-js-under-jest').loadCelJs());
 *
 * Remove once jest.config.js transforms that package (see the fraud report) or the runtime is Node 24.
 */
export function loadCelJs(): unknown {
  const entry = require.resolve('@marcbachmann/cel-js');
  const bundle = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false });
  const cjsModule = { exports: {} as unknown };
  new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(cjsModule, cjsModule.exports, require);
  return cjsModule.exports;
}
