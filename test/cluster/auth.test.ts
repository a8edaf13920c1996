/**
 * NATS credentials: wrong ones fail fast with a message naming the user and
 * the server (never the secret), right ones work, from flags or environment.
 */
import t from 'tap';
import { spawnCli } from '../cli/child.js';
import { startNatsServer } from '../helpers/nats-server.js';
import { describeAuth, redactServer, resolveNatsConnection } from '../../queue/jetstream/index.js';

const server = await startNatsServer(t, ['--user', 'alice', '--pass', 's3cret-pw']);

t.test('wrong password: status and worker exit 1 with a clear message, no secret shown', async (t) => {
  const status = spawnCli(t, ['status', '--nats', server.url, '--user', 'alice', '--password', 'wrong-pw']);
  t.equal((await status.exited).code, 1);
  t.match(status.stderr(), `error: NATS authorization failed for user "alice" at ${server.url}`);
  t.notMatch(status.stderr(), /wrong-pw/);

  const url = `nats://alice:wrong-pw@127.0.0.1:${server.port}`;
  const worker = spawnCli(t, ['worker', '--nats', url, '--threads', '1']);
  t.equal((await worker.exited).code, 1, 'a worker does not wait forever on bad credentials');
  // URL credentials are used (and taken out of the URL the message shows).
  t.match(worker.stderr(), `NATS authorization failed for user "alice" at nats://127.0.0.1:${server.port}`);
  t.notMatch(worker.stderr(), /wrong-pw/);
});

t.test('no credentials at all: the message says so', async (t) => {
  const status = spawnCli(t, ['status', '--nats', server.url]);
  t.equal((await status.exited).code, 1);
  t.match(status.stderr(), `NATS authorization failed for no credentials at ${server.url}`);
});

t.test('right credentials work, from flags and from PATTERNSWEEP_NATS_* variables', async (t) => {
  const flags = spawnCli(t, ['status', '--nats', server.url, '--user', 'alice', '--password', 's3cret-pw']);
  t.equal((await flags.exited).code, 0, flags.stderr());
  t.match(flags.stdout(), /no sweeps recorded\n0 live worker\(s\)/);
  const env = spawnCli(t, ['status', '--nats', server.url], { PATTERNSWEEP_NATS_USER: 'alice', PATTERNSWEEP_NATS_PASSWORD: 's3cret-pw' });
  t.equal((await env.exited).code, 0, env.stderr());
});

t.test('redaction and auth descriptions', async (t) => {
  t.equal(redactServer('nats://bob:hunter2@h:4222'), 'nats://bob:***@h:4222');
  t.equal(redactServer('tls://tok3n@h:4222'), 'tls://***@h:4222');
  t.equal(redactServer('nats://h:4222'), 'nats://h:4222');
  t.equal(describeAuth(resolveNatsConnection({ servers: 'nats://h:1', token: 'x' }, {})), 'token');
  t.equal(describeAuth(resolveNatsConnection({ servers: 'nats://h:1' }, { PATTERNSWEEP_NATS_USER: 'carol' })), 'user "carol"');
  t.throws(() => resolveNatsConnection({ tlsCert: 'c.pem' }, {}), { name: 'NatsOptionError', message: /tlsCert and tlsKey/ });
});
