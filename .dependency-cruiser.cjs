/**
 * The layers of keikai, checked by `npm run lint` (dependency-cruiser). See README, "How the code is laid out".
 * - src/platform: plumbing; imports nothing of keikai outside itself.
 * - src/cases and src/policies: the case kernel; import the platform and each other only.
 * - feature folders: import the kernel, the platform, and another feature only through what that
 *   feature exports for others (its `index.ts`); intake and coordination import no later flow.
 * - src/app.ts and src/features.ts (the composition root), src/main.ts and src/demo may import anything.
 * - no cycles, type-only imports included.
 */
const FEATURE = '^src/(?!platform/|cases/|policies/|app\\.ts|features\\.ts|main\\.ts|demo/)([^/]+)/'
const TESTS = '\\.test\\.tsx?$|\\.test-support\\.tsx?$|/fixtures/'

module.exports = {
  forbidden: [
    {
      name: 'platform-imports-nothing-above',
      comment: 'src/platform is plumbing: it is handed what it needs at start-up and imports no feature and no kernel module.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'kernel-imports-no-feature',
      comment: 'The case kernel (src/cases, src/policies) is handed the features\' parts at start-up and imports none of them.',
      severity: 'error',
      from: { path: '^src/(cases|policies)/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(platform|cases|policies)/' },
    },
    {
      name: 'features-through-their-front-door',
      comment: 'A feature uses another only through what that one exports for others: its index.ts.',
      severity: 'error',
      from: { path: FEATURE, pathNot: TESTS },
      to: { path: FEATURE, pathNot: ['^src/$1/', '^src/[^/]+/index\\.tsx?$'] },
    },
    {
      name: 'early-flows-import-no-later-flow',
      comment: 'Intake and coordination come first in a case\'s life; later flows build on them, never the reverse.',
      severity: 'error',
      from: { path: '^src/(intake|coordination)/', pathNot: TESTS },
      to: { path: FEATURE, pathNot: '^src/(intake|coordination|accounts)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'features-are-plugged-in-only-at-the-root',
      comment: 'Only the composition root names feature modules.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app|features)\\.ts$|' + TESTS },
      to: { path: '\\.feature\\.tsx?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench|scripts)/' },
  },
}
