/**
 * The import rules of patternsweep (README, "Layout"), checked in CI by
 * `npm run layering` (.ci/run):
 *
 *   cli -> {coordinator, worker} -> queue -> {proto, sweep} -> model
 *   errors/ is importable by all; report/ reads the store through
 *   coordinator/store-schema.ts only; bench/ may use anything but test/
 *   internals (test/helpers only, for servers); nothing imports test/ or bench/.
 *
 * Each part may import the parts below it (transitively: queue may use model
 * directly). No cycles anywhere. Across parts, coordinator/, worker/ and
 * queue/ are reached through their index.ts (queue/jetstream/index.ts and
 * coordinator/nats/index.ts are entries of their own, so a local run never
 * loads the NATS client).
 * Docs: https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 */
const PARTS = ['errors', 'model', 'proto', 'sweep', 'queue', 'coordinator', 'worker', 'cli', 'report', 'bench', 'test', 'scripts'];

/** What each part may import besides itself (and npm packages). */
const ALLOWED = {
  errors: [],
  model: ['errors'],
  proto: ['model', 'errors'],
  sweep: ['model', 'errors'],
  queue: ['proto', 'sweep', 'model', 'errors'],
  coordinator: ['queue', 'proto', 'sweep', 'model', 'errors'],
  worker: ['queue', 'proto', 'sweep', 'model', 'errors'],
  cli: ['coordinator', 'worker', 'queue', 'proto', 'sweep', 'model', 'errors', 'report'],
  report: ['model', 'errors'],
};

const forbiddenParts = Object.entries(ALLOWED).map(([part, allowed]) => ({
  name: `layering-${part}`,
  comment: `${part}/ may import only ${allowed.length === 0 ? 'nothing of the project' : allowed.join(', ')} (README, "Layout")`,
  severity: 'error',
  from: { path: `^${part}/` },
  to: {
    path: `^(${PARTS.join('|')})/`,
    pathNot: [`^(${[part, ...allowed].join('|')})/`, ...(part === 'report' ? ['^coordinator/store-schema\\.ts$'] : [])],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Imports flow one way; a cycle means two modules should be one, or a third should hold what they share.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...forbiddenParts,
    {
      name: 'report-reads-store-schema-only',
      comment: 'report/ reads the store through its schema module (coordinator/store-schema.ts), nothing else of coordinator/.',
      severity: 'error',
      from: { path: '^report/' },
      to: { path: '^coordinator/', pathNot: '^coordinator/(store-schema|columns)\\.ts$' },
    },
    {
      name: 'bench-no-test-internals',
      comment: 'bench/ may borrow test/helpers (server set-up) and nothing else of test/.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/', pathNot: '^test/helpers/' },
    },
    {
      name: 'local-mode-no-nats',
      comment: 'Only cluster entries load the JetStream transport; the rest of coordinator/ and worker/ is transport-agnostic.',
      severity: 'error',
      from: { path: '^(coordinator|worker)/', pathNot: '^coordinator/nats/' },
      to: { path: '^queue/jetstream/' },
    },
    {
      name: 'public-surfaces',
      comment: 'Across parts, queue/, worker/ and coordinator/ are imported through their index.ts.',
      severity: 'error',
      from: { path: '^(cli|coordinator|worker|queue|bench)/' },
      to: {
        path: '^(queue|worker|coordinator)/',
        pathNot: [
          '^$1/',
          '^(queue|worker|coordinator)/index\\.ts$',
          '^queue/jetstream/index\\.ts$',
          '^coordinator/nats/index\\.ts$',
          '^coordinator/store-schema\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/', 'proto/generated/'] },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
