// The image builds the way the README tells people to install: the npm
// commands of the Dockerfile's build stage are the README's set-up steps.
// Plus the image's own rules: pinned base, non-root, optional deps kept, the
// CLI as entrypoint, and a build context that holds what the build needs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { DEPLOY_DIR, REPO_ROOT } from './render.js';

interface Instruction {
  readonly keyword: string;
  readonly value: string;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Dockerfile -> stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push((pending + line).trim());
    pending = '';
  }
  for (const line of logical) {
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (match === null) continue;
    const keyword = match[1].toUpperCase();
    const value = match[2];
    if (keyword === 'FROM') {
      const [from, as, name] = value.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0 && keyword === 'ARG') {
      const [key, defaultValue] = value.split('=');
      args.set(key, defaultValue ?? '');
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword, value });
    }
  }
  return { args, stages };
}

/** `a && b; c` -> ['a', 'b', 'c'], prompts (`$ `) stripped. */
function shellCommands(text: string): string[] {
  return text
    .split(/&&|;|\n/)
    .map((c) => c.trim().replace(/^\$\s+/, ''))
    .filter((c) => c.length > 0 && !c.startsWith('#'));
}

/** npm commands that install or build (not test, start or run the app). */
function isInstallStep(command: string): boolean {
  return /^npm\s+(ci|install|i|run\s+(build|proto|prepare))(\s|$)/.test(command);
}

const normalise = (command: string): string => command.replace(/\s+/g, ' ').trim();

/**
 * The fenced block under README.md's set-up heading (the first heading that
 * says set up / setup / install / getting started / quick start).
 */
function readmeSetupBlock(readme: string): { heading: string; commands: string[] } | undefined {
  const lines = readme.split('\n');
  const headingAt = lines.findIndex((l) => /^#{1,4}\s+.*(set[ -]?up|install|getting started|quick ?start)/i.test(l));
  if (headingAt < 0) return undefined;
  const level = /^#+/.exec(lines[headingAt])![0].length;
  const body: string[] = [];
  let inFence = false;
  for (const line of lines.slice(headingAt + 1)) {
    const heading = /^(#+)\s/.exec(line);
    if (!inFence && heading !== null && heading[1].length <= level) break;
    if (/^\s*(```|~~~)/.test(line)) {
      if (inFence) return { heading: lines[headingAt], commands: shellCommands(body.join('\n')) };
      inFence = true;
      continue;
    }
    if (inFence) body.push(line);
  }
  return undefined;
}

const dockerfile = parseDockerfile(readFileSync(join(DEPLOY_DIR, 'Dockerfile'), 'utf8'));
const build = dockerfile.stages.find((s) => s.name === 'build');
const production = dockerfile.stages[dockerfile.stages.length - 1];
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  engines: { node: string };
  optionalDependencies?: Record<string, string>;
};
const runsOf = (stage: Stage | undefined): string[] =>
  (stage?.instructions ?? []).filter((i) => i.keyword === 'RUN').flatMap((i) => shellCommands(i.value));

t.test('parsers', async (t) => {
  t.same(shellCommands('$ npm ci && npm run build\n# note\nnpm test'), ['npm ci', 'npm run build', 'npm test']);
  t.ok(isInstallStep('npm ci'));
  t.ok(isInstallStep('npm run build'));
  t.notOk(isInstallStep('npm test'));
  t.notOk(isInstallStep('npm start'));
  t.notOk(isInstallStep('npm run bench:kernel'));
  const readme = '# x\n\n## Set-up\n\nNeeds Node 20.\n\n```sh\nnpm ci && npm start\n```\n\n## Later\n```\nnpm test\n```\n';
  t.same(readmeSetupBlock(readme)?.commands, ['npm ci', 'npm start']);
  const parsed = parseDockerfile('ARG B=node:20\nFROM ${B} AS build\nRUN a \\\n  && b\nFROM ${B}\nUSER 1\n');
  t.same(parsed.stages.map((s) => s.name), ['build', undefined]);
  t.same(runsOf(parsed.stages[0]), ['a', 'b']);
});

t.test('the build stage runs the README set-up steps', async (t) => {
  t.ok(build, 'a stage named build');
  const readmePath = join(REPO_ROOT, 'README.md');
  if (!existsSync(readmePath)) {
    t.fail('README.md does not exist yet: nothing to compare the Dockerfile with');
    return;
  }
  const setup = readmeSetupBlock(readFileSync(readmePath, 'utf8'));
  t.ok(setup, 'README.md has a set-up heading with a fenced block');
  if (setup === undefined) return;
  const readmeSteps = setup.commands.filter(isInstallStep).map(normalise);
  const imageSteps = runsOf(build).filter((c) => c.startsWith('npm ') && !c.startsWith('npm prune')).map(normalise);
  t.ok(readmeSteps.length > 0, `${setup.heading.trim()}: ${readmeSteps.join(', ')}`);
  t.same(imageSteps, readmeSteps, 'Dockerfile build-stage npm commands == README set-up install commands');
});

t.test('dev dependencies are pruned, optional ones (tfjs-node) kept', async (t) => {
  const runs = [...runsOf(build), ...runsOf(production)].map(normalise);
  t.ok(runs.includes('npm prune --omit=dev'), 'npm prune --omit=dev in the build stage');
  t.notOk(runs.some((c) => /--omit[= ]optional|--no-optional/.test(c)), 'never omits optional dependencies');
  t.ok(pkg.optionalDependencies?.['@tensorflow/tfjs-node'], 'tfjs-node is an optional dependency');
  t.ok(runsOf(build).some((c) => c.includes("require('@tensorflow/tfjs-node')")), 'the build checks tfjs-node loads');
  t.notOk(runsOf(production).some((c) => c.startsWith('npm ')), 'the production stage installs nothing');
});

t.test('base images: official Node 20 slim, pinned by tag, same for both stages', async (t) => {
  const base = dockerfile.args.get('NODE_IMAGE');
  t.match(base, /^node:20\.\d+\.\d+-bookworm-slim$/, `pinned: ${base}`);
  const engineMajor = /(\d+)/.exec(pkg.engines.node)![1];
  t.equal(base!.split(':')[1].split('.')[0], engineMajor, 'matches package.json engines');
  t.same(dockerfile.stages.map((s) => s.from), ['${NODE_IMAGE}', '${NODE_IMAGE}']);
  t.equal(production.name, 'production');
});

t.test('production stage: runtime files, uid 10001, the CLI as entrypoint', async (t) => {
  const copies = production.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.value);
  for (const path of ['/app/dist', '/app/node_modules', '/app/package.json', '/app/examples']) {
    t.ok(copies.some((c) => c.startsWith('--from=build') && c.includes(path)), `copies ${path} from build`);
  }
  const users = production.instructions.filter((i) => i.keyword === 'USER');
  t.equal(users.at(-1)?.value, '10001:10001', 'runs as 10001');
  const entrypoint = JSON.parse(production.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.value) as string[];
  t.same(entrypoint, ['node', `/app/${pkg.bin.patternsweep}`], 'entrypoint is the package bin');
  t.equal(pkg.bin.patternsweep, 'dist/cli/main.js');
  t.ok(runsOf(production).some((c) => c.includes('useradd') && c.includes('--uid 10001')), 'creates the user');
});

t.test('.dockerignore keeps local artefacts out and what the build needs in', async (t) => {
  const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => l.replace(/^\//, '').replace(/\/$/, ''));
  for (const path of ['node_modules', 'dist', '.git', 'results', '.tap', 'coverage']) t.ok(ignored.includes(path), `ignores ${path}`);
  const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  const needed = ['package.json', 'package-lock.json', 'scripts', 'examples', ...tsconfig.include];
  for (const path of needed) t.notOk(ignored.includes(path), `keeps ${path}`);
  t.notOk(ignored.some((p) => p === '*' || p === '**'), 'no catch-all');
});
