/**
 * The server's module boundaries, checked by `pnpm lint` (and so by ./hub test and CI).
 * A feature is a folder of server/src; core/ is the kernel every feature builds on; app/ is the
 * composition root (the module list, schema, services, HTTP and WebSocket); main.ts, ops/, tools/
 * and demo/ are entry points. See README "How the code is laid out".
 */
const FEATURE =
  '^server/src/(action|audit|auth|consultation|deadline|event|feedback|import|insight|kpi|notification|org|problem|report|user|complaint)/';
module.exports = {
  forbidden: [
    {
      name: 'core-knows-no-feature',
      comment: 'core/ is the kernel: it imports no feature and not the composition root.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: '^server/src/', pathNot: '^server/src/core/' },
    },
    {
      name: 'features-do-not-compose',
      comment: 'Only entry points (main.ts, ops/, tools/) import the composition root app/.',
      severity: 'error',
      from: { path: FEATURE },
      to: { path: '^server/src/app/' },
    },
    {
      name: 'rules-are-pure',
      comment: '*.rules.ts hold pure rules: they import other rules (and node:crypto for hashing), and only types from elsewhere.',
      severity: 'error',
      from: { path: '\\.rules\\.ts$' },
      to: { pathNot: ['\\.rules\\.ts$', '^crypto$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'through-entries',
      comment: "A feature reaches another only through the other's entry, <feature>/index.ts.",
      severity: 'error',
      from: { path: '^server/src/([^/]+)/' },
      to: { path: FEATURE, pathNot: ['^server/src/$1/', '/index\\.ts$'] },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles, types included.',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/', '/gql/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
