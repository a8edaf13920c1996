/**
 * NATS secrets (issue 13 item 5) against a real nats-server: from files, from
 * the environment, from flags (which warn once that `ps` shows them), and in
 * the URL (which now works); no message ever echoes a secret.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { spawnCli } from '../cli/child.js';
import { startNatsServer } from '../helpers/nats-server.js';
import { redactSecrets, registerSecret } from '../../cli/secrets.js';
import { resolveNatsConnection, splitUrlCredentials } from '../../queue/jetstream/index.js';

const PASSWORD = 'pw-Zq81-unique';
const TOKEN = 'tok-Xr55-unique';
const userServer = await startNatsServer(t, ['--user', 'alice', '--pass', PASSWORD]);
const tokenServer = await startNatsServer(t, ['--auth', TOKEN]);
const dir = mkdtempSync(join(tmpdir(), 'psweep-secrets-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const passwordFile = join(dir, 'password');
writeFileSync(passwordFile, `${PASSWORD}\n`);
chmodSync(passwordFile, 0o600);
const tokenFile = join(dir, 'token');
writeFileSync(tokenFile, TOKEN);
const WARNING = /warning: --password on the command line is visible to other users of this machine \(ps\)/;
const OK = /no sweeps recorded\n0 live worker\(s\)/;

t.test('--password-file and --token-file authenticate, without a warning', async (t) => {
  const user = spawnCli(t, ['status', '--nats', userServer.url, '--user', 'alice', '--password-file', passwordFile]);
  t.equal((await user.exited).code, 0, user.stderr());
  t.match(user.stdout(), OK);
  t.notMatch(user.stderr(), /warning/);
  const token = spawnCli(t, ['status', '--nats', tokenServer.url, '--token-file', tokenFile]);
  t.equal((await token.exited).code, 0, token.stderr());
  t.match(token.stdout(), OK);
});

t.test('the file routes through the environment work too', async (t) => {
  const user = spawnCli(t, ['status', '--nats', userServer.url, '--user', 'alice'], { PATTERNSWEEP_NATS_PASSWORD_FILE: passwordFile });
  t.equal((await user.exited).code, 0, user.stderr());
  const token = spawnCli(t, ['status', '--nats', tokenServer.url], { PATTERNSWEEP_NATS_TOKEN_FILE: tokenFile });
  t.equal((await token.exited).code, 0, token.stderr());
});

t.test('a secret given as a flag works and warns exactly once; from the environment it does not warn', async (t) => {
  const flag = spawnCli(t, ['status', '--nats', userServer.url, '--user', 'alice', '--password', PASSWORD]);
  t.equal((await flag.exited).code, 0, flag.stderr());
  t.equal(flag.stderr().match(new RegExp(WARNING.source, 'g'))?.length, 1, 'one warning');
  t.notMatch(flag.stderr(), PASSWORD, 'the warning does not repeat the secret');
  const token = spawnCli(t, ['status', '--nats', tokenServer.url, '--token', TOKEN]);
  t.equal((await token.exited).code, 0, token.stderr());
  t.match(token.stderr(), /warning: --token on the command line is visible/);
  const env = spawnCli(t, ['status', '--nats', userServer.url, '--user', 'alice'], { NATS_PASSWORD: PASSWORD });
  t.equal((await env.exited).code, 0, env.stderr());
  t.notMatch(env.stderr(), /warning/);
});

t.test('credentials in the URL work (user:password and token)', async (t) => {
  const user = spawnCli(t, ['status', '--nats', `nats://alice:${encodeURIComponent(PASSWORD)}@127.0.0.1:${userServer.port}`]);
  t.equal((await user.exited).code, 0, user.stderr());
  t.match(user.stdout(), OK);
  const token = spawnCli(t, ['status', '--nats', `nats://${TOKEN}@127.0.0.1:${tokenServer.port}`]);
  t.equal((await token.exited).code, 0, token.stderr());
});

t.test('refused with a clear message, never echoing the secret', async (t) => {
  const cases: [string, string[], RegExp][] = [
    ['bad URL scheme with a password', ['status', '--nats', `http://alice:${PASSWORD}@127.0.0.1:${userServer.port}`], /'http:\/\/alice:\*\*\*@127\.0\.0\.1:\d+' is not a NATS server URL/],
    ['URL and flag disagree', ['status', '--nats', `nats://alice:${PASSWORD}@127.0.0.1:${userServer.port}`, '--user', 'bob'], /the --nats URL holds a user and password, and --user\/--password say otherwise/],
    ['flag and file together', ['status', '--nats', userServer.url, '--user', 'alice', '--password', PASSWORD, '--password-file', passwordFile], /--password and --password-file: give one of them, not both/],
    ['missing password file', ['status', '--nats', userServer.url, '--user', 'alice', '--password-file', join(dir, 'nope')], /--password-file .*nope: no such file/],
    ['wrong password from a file', ['status', '--nats', userServer.url, '--user', 'alice', '--password-file', tokenFile], /NATS authorization failed for user "alice" at nats:\/\/127\.0\.0\.1:\d+; check the credentials/],
    ['wrong token in the URL', ['status', '--nats', `nats://${PASSWORD}@127.0.0.1:${tokenServer.port}`], /NATS authorization failed for token at nats:\/\/127\.0\.0\.1:\d+/],
  ];
  for (const [what, args, message] of cases) {
    const child = spawnCli(t, args, { PATTERNSWEEP_LOG_LEVEL: 'debug' });
    const { code } = await child.exited;
    t.not(code, 0, `${what}: fails`);
    t.match(child.stderr(), message, `${what}: says why`);
    // Not at the default level, nor in the debug log with its stacks.
    t.notMatch(child.stderr() + child.stdout(), PASSWORD, `${what}: the password is never printed`);
    t.notMatch(child.stderr() + child.stdout(), TOKEN, `${what}: the token is never printed`);
  }
});

t.test('URL credential parsing and redaction', async (t) => {
  t.same(splitUrlCredentials(['nats://a%40b:p%3Aw@h:1', 'nats://a%40b:p%3Aw@h:2']), { servers: ['nats://h:1', 'nats://h:2'], user: 'a@b', password: 'p:w' });
  t.same(splitUrlCredentials(['tls://tok@h:1', 'h:2']), { servers: ['tls://h:1', 'h:2'], token: 'tok' });
  t.throws(() => splitUrlCredentials(['nats://a:1@h:1', 'nats://a:2@h:2']), { name: 'UrlCredentialsError', message: /different credentials/ });
  t.throws(() => resolveNatsConnection({ servers: 'nats://tok@h:1', token: 'other' }, {}), { name: 'UrlCredentialsError' });
  t.equal(resolveNatsConnection({ servers: 'nats://u:p@h:1' }, {}).password, 'p');
  registerSecret('s3cr3t-value');
  t.equal(redactSecrets('x s3cr3t-value y nats://u:zz@h:1 tls://tk@h:2'), 'x *** y nats://u:***@h:1 tls://***@h:2');
});
