import { importedPackages, isEsmOnly, packageNameOf } from './build-functions.packages';

describe('isEsmOnly: whether Node 20 require() can load a package', () => {
  it('counts a "type": "module" package whose exports offer no require condition as ESM-only', () => {
    // given the layout of @marcbachmann/cel-js
    const manifest = { type: 'module', exports: { '.': { types: './lib/index.d.ts', default: './lib/index.js' } } };

    // when / then
    expect(isEsmOnly(manifest)).toBe(true);
  });

  it('lets a "type": "module" package with a require condition stay external', () => {
    const manifest = { type: 'module', exports: { '.': { import: './index.js', require: './index.cjs' } } };

    expect(isEsmOnly(manifest)).toBe(false);
  });

  it('finds a require condition nested under another condition', () => {
    const manifest = { type: 'module', exports: { '.': { node: { import: './esm.js', require: './cjs.js' } } } };

    expect(isEsmOnly(manifest)).toBe(false);
  });

  it('treats a package without "type" as CommonJS, including one whose main is JSON', () => {
    expect(isEsmOnly({ main: './lib/index.js' })).toBe(false);
    expect(isEsmOnly({ main: './index.json' })).toBe(false);
    expect(isEsmOnly({})).toBe(false);
  });

  it('counts a package that exports only .mjs files or only import conditions as ESM-only', () => {
    expect(isEsmOnly({ main: './index.mjs' })).toBe(true);
    expect(isEsmOnly({ exports: { '.': { import: './index.js' } } })).toBe(true);
  });

  it('accepts a .cjs entry in a "type": "module" package', () => {
    expect(isEsmOnly({ type: 'module', exports: './dist/index.cjs' })).toBe(false);
  });
});

describe('packageNameOf and importedPackages', () => {
  it('reduces sub-path imports to the package, scoped or not', () => {
    expect(packageNameOf('firebase-admin/firestore')).toBe('firebase-admin');
    expect(packageNameOf('@google-cloud/tasks')).toBe('@google-cloud/tasks');
    expect(packageNameOf('@grpc/grpc-js/build/src/x')).toBe('@grpc/grpc-js');
  });

  it('ignores builtins and relative or absolute paths', () => {
    expect(packageNameOf('node:fs')).toBeNull();
    expect(packageNameOf('crypto')).toBeNull();
    expect(packageNameOf('./local')).toBeNull();
    expect(packageNameOf('/abs/file.js')).toBeNull();
  });

  it('lists each imported package once, sorted', () => {
    // given the external imports esbuild reports for a bundle
    const imports = ['zod', 'node:path', 'firebase-admin/app', 'firebase-admin/firestore', '@google-cloud/kms', 'zod'];

    // when
    const names = importedPackages(imports);

    // then
    expect(names).toEqual(['@google-cloud/kms', 'firebase-admin', 'zod']);
  });
});
