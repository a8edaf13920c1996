// The commands the manifests run are real `patternsweep` command lines: each
// container's args, after Kubernetes' $(VAR) expansion with the environment
// the render gives it, parse with the CLI's own parser (cli/program.ts).
import t from 'tap';
import { parseCommandLine } from '../../cli/program.js';
import {
  containerEnv,
  containersOf,
  expandVariables,
  kubectlMissing,
  podTemplates,
  renderAll,
} from './render.js';

const APP_IMAGE = /\/patternsweep:/;

t.test('expandVariables follows Kubernetes rules', async (t) => {
  const env = new Map([['NATS_URL', 'nats://nats:4222'], ['N', '2']]);
  t.equal(expandVariables('$(NATS_URL)', env), 'nats://nats:4222');
  t.equal(expandVariables('/data/$(N)/x', env), '/data/2/x');
  t.equal(expandVariables('$$(NATS_URL)', env), '$(NATS_URL)', '$$ escapes');
  t.equal(expandVariables('$(UNSET)', env), '$(UNSET)', 'undefined references stay as written');
});

const missing = kubectlMissing();
if (missing !== undefined) {
  t.test('container commands', { skip: missing }, async () => {});
} else {
  const renders = renderAll();
  const seen = new Map<string, string[]>();

  t.test('every app container runs a command line the CLI accepts', async (t) => {
    for (const render of renders) {
      for (const template of podTemplates(render)) {
        for (const container of containersOf(template)) {
          if (!APP_IMAGE.test(container.image)) continue;
          const where = `${render.name}: ${template.owner}/${container.name}`;
          t.equal(container.command, undefined, `${where} keeps the image entrypoint (the patternsweep CLI)`);
          const env = containerEnv(render, container);
          const argv = (container.args as string[]).map((a) => expandVariables(a, env));
          t.notOk(argv.some((a) => a.includes('$(')), `${where}: every $(VAR) is defined: ${argv.join(' ')}`);
          seen.set(template.owner, argv);
          try {
            const parsed = parseCommandLine(argv);
            t.pass(`${where}: patternsweep ${argv.join(' ')}`);
            if (parsed.command === 'run') {
              t.equal(parsed.args[0], '/config/spec.yaml', `${where} runs the mounted spec`);
              t.equal(parsed.options.nats, env.get('NATS_URL'), `${where} dispatches over NATS`);
              t.match(String(parsed.options.out), /^\/data\/[a-z0-9][a-z0-9_-]*$/, `${where} writes to the results volume`);
              const metricsPort = container.ports.find((p: any) => p.name === 'metrics')?.containerPort;
              t.equal(Number(env.get('PATTERNSWEEP_METRICS_PORT')), metricsPort, `${where} serves metrics on the declared port`);
            }
            if (parsed.command === 'worker') {
              t.equal(parsed.options.nats, env.get('NATS_URL'), `${where} consumes from NATS`);
              t.equal(Number(parsed.options.threads), 2, `${where} threads`);
              t.equal(Number(parsed.options.healthPort), 8080, `${where} health port`);
              t.equal(Number(parsed.options.drainMs), Number(env.get('PATTERNSWEEP_DRAIN_MS')), `${where} drain time`);
            }
          } catch (error) {
            t.fail(`${where}: patternsweep ${argv.join(' ')} -> ${(error as Error).message}`);
          }
        }
      }
    }
  });

  t.test('the manifests run the coordinator and the workers', async (t) => {
    const commands = new Set([...seen.values()].map((argv) => argv[0]));
    t.same([...commands].sort(), ['run', 'worker']);
  });

  t.test('the status command the guide uses parses', async (t) => {
    // deploy/README.md, "Watch it".
    t.doesNotThrow(() => parseCommandLine(['status', '--nats', 'nats://nats:4222']));
  });

  t.test('a typo in a flag would be caught', async (t) => {
    t.throws(() => parseCommandLine(['run', '/config/spec.yaml', '--nat', 'nats://nats:4222']), /unknown option/);
  });
}
