// Layer rules of functions/src, checked by dependency-cruiser in `npm test` (`npm run lint:layers`).
// A context is any folder under functions/src other than the shared folders below; each context is
// domain ← application ← adapters / entrypoints. Paths are relative to the directory the tool runs in
// (the repo root), so infra/layer-rules/layer-rules.test.ts can run this same file on a fixture tree.
//
// Test code (*.test.ts, testing/ folders, functions/test/) may import anything; the layer rules
// judge production files only. Type-only imports count: an `import type` still couples two layers.

const SRC = '^functions/src/';
const NOT_CONTEXTS = ['platform', 'shared', 'contracts', 'catalogue'];
/** Group 1 = the context's name (payments, fraud, compliance, identity, ledger, merchants, …). */
const CONTEXT = `${SRC}(?!(?:${NOT_CONTEXTS.join('|')})/)([^/]+)/`;
const TEST_CODE = '(\\.test\\.ts$|/testing/|^functions/test/)';
const COMPOSITION_ROOT_FILE = 'functions/src/composition-root.ts';
const COMPOSITION_ROOT = `${SRC}composition-root\\.ts$`;
// A rule about a file that no longer exists would pass forever: fail loudly instead.
if (!require('node:fs').existsSync(COMPOSITION_ROOT_FILE)) {
  throw new Error(`.dependency-cruiser.cjs: ${COMPOSITION_ROOT_FILE} is gone; point COMPOSITION_ROOT at the new composition root`);
}
// Libraries that do I/O: a domain decides, it does not talk to the world.
const IO_MODULES = [
  '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads)$',
  '^firebase-admin',
  '^firebase-functions',
  '^@google-cloud/',
  '^@grpc/',
  '^undici',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-its-domain-and-shared',
      comment:
        "A domain module imports only its own context's domain and functions/src/shared (npm libraries that do no I/O are fine). Move what it needs into the domain or shared, or pass it in.",
      severity: 'error',
      from: { path: `${CONTEXT}domain/`, pathNot: TEST_CODE },
      to: { path: `^functions/`, pathNot: [`${SRC}$1/domain/`, `${SRC}shared/`] },
    },
    {
      name: 'domain-does-no-io',
      comment: 'A domain module imports no I/O library (Firestore, Google Cloud clients, HTTP, file system): adapters do I/O.',
      severity: 'error',
      from: { path: `${CONTEXT}domain/`, pathNot: TEST_CODE },
      to: { path: IO_MODULES },
    },
    {
      name: 'context-imports-no-composition-root',
      comment:
        'The composition root wires the contexts, so it sits above them: a context receives its dependencies (a module built from its configuration) instead of importing the root.',
      severity: 'error',
      from: { path: CONTEXT, pathNot: TEST_CODE },
      to: { path: COMPOSITION_ROOT },
    },
    {
      name: 'platform-imports-no-composition-root',
      comment:
        'The platform handlers (HTTP, task and event shells, relay schedule) sit below the root too: they receive what they need. Only functions/src/index.ts and the local runtime (infra/) import the root.',
      severity: 'error',
      from: { path: `${SRC}platform/`, pathNot: TEST_CODE },
      to: { path: COMPOSITION_ROOT },
    },
    {
      name: 'platform-imports-no-context',
      comment:
        'functions/src/platform (HTTP shell, outbox relay, push bridge, schedules) is below the contexts: it imports no context. Put the shared type in platform or shared, or let the context hand it in.',
      severity: 'error',
      from: { path: `${SRC}platform/`, pathNot: TEST_CODE },
      to: { path: CONTEXT },
    },
    {
      name: 'application-imports-no-adapters-or-entrypoints',
      comment:
        "Application code (commands, queries, ports) depends on ports, never on an adapter or entrypoint of any context: the adapter implements the port and the wiring hands it in.",
      severity: 'error',
      from: { path: `${CONTEXT}application/`, pathNot: TEST_CODE },
      to: { path: `${SRC}[^/]+/(adapters|entrypoints)/` },
    },
    {
      name: 'context-imports-no-other-contexts-adapters-or-entrypoints',
      comment:
        "A context reaches another context through that context's application (its commands, queries and ports) or domain, never through its adapters or entrypoints.",
      severity: 'error',
      from: { path: CONTEXT, pathNot: TEST_CODE },
      to: { path: `${CONTEXT}(adapters|entrypoints)/`, pathNot: `${SRC}$1/` },
    },
    {
      name: 'production-imports-no-test-code',
      comment:
        'Production code never imports a test file, a testing/ helper or functions/test: test doubles and fixtures must not ship or decide anything in production.',
      severity: 'error',
      from: { path: SRC, pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-cycles',
      comment: 'Modules must not depend on each other in a circle (type-only imports included): break the cycle by moving the shared piece down a layer.',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are erased by the compiler but still couple layers.
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
