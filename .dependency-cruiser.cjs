/**
 * Layering: http/cli -> app -> store/core; core imports nothing but itself and the
 * few pure libraries listed below. `npm run lint` fails on any violation.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core may import only src/core and pure arithmetic/validation libraries',
      severity: 'error',
      from: { path: '^src/core' },
      to: { pathNot: ['^src/core', 'node_modules/(decimal\\.js|zod)/'] },
    },
    {
      name: 'http-cli-only-through-app',
      comment: 'http and cli call use cases in src/app, never the store directly',
      severity: 'error',
      from: { path: '^src/(http|cli)' },
      to: { path: '^src/store' },
    },
    {
      name: 'store-below-app',
      severity: 'error',
      from: { path: '^src/store' },
      to: { path: '^src/(app|http|cli)' },
    },
    {
      name: 'app-below-interfaces',
      severity: 'error',
      from: { path: '^src/app' },
      to: { path: '^src/(http|cli)' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
