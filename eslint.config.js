import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The capabilities and, for each, the capabilities it may import (through their index.ts only).
 * Read it as the layers of the product, lowest first: docs/architecture.md explains them. The
 * platform (src/platform/*) sits under all of them and imports none. Adding a dependency means
 * adding it here; a dependency that would close a loop stops ESLint from loading this file.
 */
const CAPABILITIES = {
  inspections: [],
  partnerships: [],
  plans: ['deadlines', 'inspections'],
  deadlines: ['inspections'],
  progress: ['plans'],
  organisations: ['plans'],
  people: ['organisations', 'partnerships'],
  account: ['people'],
  'sign-in': ['people'],
  risks: ['governance', 'inspections', 'plans'],
  governance: ['plans', 'people', 'partnerships'],
  overview: ['deadlines', 'governance', 'inspections', 'plans', 'progress', 'risks'],
  notifications: ['deadlines', 'plans', 'progress'],
  letters: ['inspections', 'overview'],
  'performance/indicators': ['inspections', 'plans'],
  'performance/geography': [],
  'performance/imports': ['partnerships', 'performance/geography', 'performance/indicators'],
  'performance/census': ['partnerships', 'performance/imports'],
  'performance/funnel': ['performance/census'],
  'performance/timeliness': [
    'partnerships',
    'performance/census',
    'performance/imports',
    'performance/indicators',
  ],
  demo: [
    'deadlines',
    'inspections',
    'organisations',
    'partnerships',
    'performance/census',
    'performance/imports',
    'performance/indicators',
    'performance/timeliness',
    'plans',
    'progress',
  ],
  setup: ['demo', 'partnerships', 'people', 'sign-in'],
  reports: ['governance', 'inspections', 'performance/indicators', 'plans', 'risks'],
  backup: [],
  about: [],
  cli: ['account', 'letters', 'partnerships', 'people', 'reports', 'setup'],
  api: [
    'deadlines',
    'governance',
    'inspections',
    'organisations',
    'overview',
    'people',
    'performance/indicators',
    'plans',
    'progress',
    'reports',
    'risks',
  ],
  // The audit log describes every kind of change, so it alone may read every capability.
  'audit-log': '*',
};

/** The loop a dependency would close, if any (depth-first search over the declared graph). */
function findCycle(graph) {
  const state = new Map();
  const visit = (node, trail) => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, 'open');
    const next = graph[node] === '*' ? [] : (graph[node] ?? []);
    for (const to of next) {
      const cycle = visit(to, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of Object.keys(graph)) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
}
const cycle = findCycle(CAPABILITIES);
if (cycle)
  throw new Error(
    `eslint.config.js: capabilities import each other in a loop: ${cycle.join(' → ')}`,
  );
for (const [name, deps] of Object.entries(CAPABILITIES))
  for (const dep of deps === '*' ? [] : deps)
    if (!(dep in CAPABILITIES)) throw new Error(`eslint.config.js: ${name} names unknown ${dep}`);

// Capability names are letters and hyphens; a hyphen needs no escape outside a character class.
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The last path segment that names a capability: "performance/census" is reached as ".../census/". */
const segment = (name) => escape(name.split('/').at(-1));
const ALL = Object.keys(CAPABILITIES);

/** An import of `name` that is not its entry file. */
const insideOf = (name) => ({
  regex: `(^|/)${segment(name)}/(?!index\\.js$)`,
  message: `Import ${name} through its entry file (${name}/index.ts), not its insides.`,
});
/** Any import of `name`. */
const anyOf = (name, from) => ({
  regex: `(^|/)${segment(name)}/`,
  message: `${from} may not import ${name}: see CAPABILITIES in eslint.config.js and docs/architecture.md.`,
});

const boundaries = [
  {
    // The platform is under every capability: it imports none of them.
    files: ['src/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ALL.map((name) => anyOf(name, 'The platform (src/platform)')) },
      ],
    },
  },
  ...Object.entries(CAPABILITIES).map(([name, deps]) => {
    const allowed = deps === '*' ? ALL.filter((other) => other !== name) : deps;
    const others = ALL.filter((other) => other !== name);
    return {
      files: [`src/${name}/**/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: others.map((other) =>
              allowed.includes(other) ? insideOf(other) : anyOf(other, name),
            ),
          },
        ],
      },
    };
  }),
  {
    // Tests may use any capability to set up what they test, through its entry file; so may the
    // app, the CLI and the benchmarks. A test may reach into its own capability.
    files: ['src/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ALL.map(insideOf) }] },
  },
  ...ALL.map((name) => ({
    files: [`src/${name}/**/*.test.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ALL.filter((other) => other !== name).map(insideOf) },
      ],
    },
  })),
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-check', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  ...boundaries,
);
