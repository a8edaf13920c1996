/**
 * TLS, mutual TLS, nkey and creds (JWT) authentication against real
 * nats-servers: patternsweep's own connection code (resolveNatsConnection ->
 * connectNats, and the CLI) gets through with the right CA / client
 * certificate / seed / creds file, does JetStream work over that connection,
 * and fails with an actionable error otherwise. Seeds never reach our logs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Kvm } from '@nats-io/kv';
import { createAccount, createOperator, createUser, type KeyPair } from '@nats-io/nkeys';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { spawnCli } from '../cli/child.js';
import { startNatsServer, uniqueNamespace, type NatsServerHandle } from '../helpers/nats-server.js';
import {
  connectNats,
  describeAuth,
  natsClientOptions,
  redactServers,
  resolveNatsConnection,
  type NatsConnectionInput,
} from '../../queue/jetstream/index.js';

const dir = mkdtempSync(join(tmpdir(), 'psweep-tls-nkey-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): string => join(dir, name);
// nats-server config strings are JSON-compatible, so JSON.stringify quotes paths and JWTs safely.
const q = JSON.stringify;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** openssl, bounded so a wedged openssl cannot stall the file. */
function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** A P-256 key and a certificate signed by our CA (EC rather than RSA: key generation is instant). */
function issue(name: string, subject: string, extensions: string): void {
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject);
  writeFileSync(file(`${name}.ext`), extensions);
  openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-set_serial', String(Date.now()), '-days', '1', '-out', file(`${name}.pem`), '-extfile', file(`${name}.ext`));
}

/** RFC 4648 base32 without padding, the encoding of a JWT's jti. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    for (; bits >= 5; bits -= 5) out += alphabet[(value >>> (bits - 5)) & 31];
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
}

/**
 * A NATS JWT (what `nsc` writes): ed25519-nkey signed claims. @nats-io/jwt is
 * not a dependency, and the format is small enough to mint here.
 */
function mintJwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const claims = { jti: '', iat, iss: issuer.getPublicKey(), name, sub: subject, nats: { ...nats, version: 2 } };
  // As nats-io/jwt does: jti = base32(SHA-512/256 of the claims with an empty jti).
  claims.jti = base32(createHash('sha512-256').update(JSON.stringify(claims)).digest());
  const signed = `${b64({ typ: 'JWT', alg: 'ed25519-nkey' })}.${b64(claims)}`;
  return `${signed}.${Buffer.from(issuer.sign(new TextEncoder().encode(signed))).toString('base64url')}`;
}

/** A user credentials file: the user JWT and the user's seed, in the `nsc` layout. */
function credsFile(account: KeyPair, name: string): string {
  const user = createUser();
  const jwt = mintJwt(account, user.getPublicKey(), name, { type: 'user', pub: {}, sub: {}, subs: -1, data: -1, payload: -1 });
  return [
    '-----BEGIN NATS USER JWT-----', jwt, '------END NATS USER JWT------', '',
    '-----BEGIN USER NKEY SEED-----', text(user.getSeed()), '------END USER NKEY SEED------', '',
  ].join('\n');
}

interface Fixture {
  readonly tls: NatsServerHandle;
  readonly otherIp: NatsServerHandle;
  readonly mtls: NatsServerHandle;
  readonly nkey: NatsServerHandle;
  readonly creds: NatsServerHandle;
  readonly seed: string;
}

async function setUp(): Promise<Fixture> {
  // A throwaway CA, a server certificate for 127.0.0.1 (the address the
  // servers listen on, so hostname verification is exercised), a client one.
  openssl('req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=patternsweep-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=patternsweep-worker', 'extendedKeyUsage=clientAuth\n');
  // Signed by the same CA but for another address: must still be refused.
  issue('other', '/CN=127.0.0.2', 'subjectAltName=IP:127.0.0.2\nextendedKeyUsage=serverAuth\n');
  const serverTls = `cert_file: ${q(file('server.pem'))}, key_file: ${q(file('server.key'))}, timeout: 2`;
  writeFileSync(file('tls.conf'), `tls { ${serverTls} }\n`);
  writeFileSync(file('other-ip.conf'), `tls { cert_file: ${q(file('other.pem'))}, key_file: ${q(file('other.key'))}, timeout: 2 }\n`);
  writeFileSync(file('mtls.conf'), `tls { ${serverTls}, ca_file: ${q(file('ca.pem'))}, verify: true }\n`);

  const user = createUser();
  const seed = text(user.getSeed());
  // With a trailing newline, as editors and `nsc` leave it: it must still parse.
  writeFileSync(file('user.nk'), `${seed}\n`, { mode: 0o600 });
  writeFileSync(file('intruder.nk'), text(createUser().getSeed()), { mode: 0o600 });
  writeFileSync(file('nkey.conf'), `authorization { users: [ { nkey: ${q(user.getPublicKey())} } ] }\n`);

  // Operator mode: operator -> account -> user, accounts preloaded into a
  // MEMORY resolver. JetStream needs a system account, and is off for an
  // account unless its JWT grants storage.
  const operator = createOperator();
  const system = createAccount();
  const sweeps = createAccount();
  const limits = { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 };
  const accountJwt = (account: KeyPair, name: string, js: boolean): string =>
    mintJwt(operator, account.getPublicKey(), name, {
      type: 'account',
      limits: js ? { ...limits, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 } : limits,
      default_permissions: { pub: {}, sub: {} },
    });
  const operatorJwt = mintJwt(operator, operator.getPublicKey(), 'test-operator', {
    type: 'operator',
    system_account: system.getPublicKey(),
  });
  const preload = [
    `${system.getPublicKey()}: ${q(accountJwt(system, 'SYS', false))}`,
    `${sweeps.getPublicKey()}: ${q(accountJwt(sweeps, 'sweeps', true))}`,
  ];
  writeFileSync(
    file('creds.conf'),
    `operator: ${q(operatorJwt)}\nsystem_account: ${system.getPublicKey()}\nresolver: MEMORY\nresolver_preload: { ${preload.join(', ')} }\n`,
  );
  writeFileSync(file('worker.creds'), credsFile(sweeps, 'worker'), { mode: 0o600 });
  // Well-formed, but issued by an account the server has never heard of.
  writeFileSync(file('rogue.creds'), credsFile(createAccount(), 'rogue'), { mode: 0o600 });

  // allSettled, not all: each started server must be known to its teardown
  // before we give up on a sibling that failed to start.
  const started = await Promise.allSettled(
    ['tls.conf', 'other-ip.conf', 'mtls.conf', 'nkey.conf', 'creds.conf'].map((conf) => startNatsServer(t, ['-c', file(conf)])),
  );
  const servers = started.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
  return { tls: servers[0], otherIp: servers[1], mtls: servers[2], nkey: servers[3], creds: servers[4], seed };
}

/** Connects through patternsweep's code path, ignoring PATTERNSWEEP_NATS_* here; closed in teardown. */
async function connectVia(t: Test, input: NatsConnectionInput): Promise<NatsConnection> {
  const nc = await connectNats(resolveNatsConnection(input, {}), { maxReconnectAttempts: 0 });
  t.teardown(() => (nc.isClosed() ? undefined : nc.close()));
  return nc;
}

/** Put and read back through a fresh KV bucket: JetStream works on this connection. */
async function kvRoundTrip(t: Test, nc: NatsConnection): Promise<void> {
  const kv = await new Kvm(nc).create(uniqueNamespace('tlsnk'), { history: 1 });
  await kv.put('shard.1', 'done');
  t.equal((await kv.get('shard.1'))?.string(), 'done', 'a value written over this connection reads back');
}

/** The first server log line matching `pattern`, already logged or still to come. */
function waitForLog(server: NatsServerHandle, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const streams = [server.process.stdout, server.process.stderr];
    const stopWatching = (): void => {
      clearTimeout(timer);
      for (const s of streams) s?.off('data', check);
    };
    function check(): void {
      const line = server.output().split('\n').find((l) => pattern.test(l));
      if (line === undefined) return;
      stopWatching();
      resolve(line);
    }
    const timer = setTimeout(() => {
      stopWatching();
      reject(new Error(`nats-server logged nothing matching ${pattern} within ${timeoutMs} ms:\n${server.output()}`));
    }, timeoutMs);
    // The helper's listeners were added first, so output() already holds each chunk when check runs.
    for (const s of streams) s?.on('data', check);
    check();
  });
}

function defineTests(f: Fixture): void {
  t.test('TLS: with the CA given, a TLS-only server accepts the connection and JetStream works', async (t) => {
    const nc = await connectVia(t, { servers: f.tls.url, tlsCa: file('ca.pem') });
    t.equal(nc.info?.tls_required, true, 'the server demands TLS, so this connection is encrypted');
    await kvRoundTrip(t, nc);
  });

  t.test('TLS: without the CA the server certificate is refused, and the error says why', async (t) => {
    await t.rejects(connectVia(t, { servers: f.tls.url }), {
      name: 'NatsConnectionError',
      code: 'E_NATS_CONNECT',
      message: `cannot connect to NATS at ${f.tls.url}: unable to verify the first certificate`,
      cause: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    });
  });

  t.test('TLS: a CA-signed certificate for another address is refused (hostname verification stays on)', async (t) => {
    await t.rejects(connectVia(t, { servers: f.otherIp.url, tlsCa: file('ca.pem') }), {
      name: 'NatsConnectionError',
      message: new RegExp(`^cannot connect to NATS at ${f.otherIp.url}: Hostname/IP does not match certificate's altnames`),
      cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    });
  });

  t.test('mutual TLS: the client certificate is accepted, its absence is refused', async (t) => {
    const nc = await connectVia(t, {
      servers: f.mtls.url,
      tlsCa: file('ca.pem'),
      tlsCert: file('client.pem'),
      tlsKey: file('client.key'),
    });
    await kvRoundTrip(t, nc);

    // Under TLS 1.3 the server refuses a missing client certificate only after
    // the client has finished its handshake; nats.js 3.3.1 then waits out its
    // connect timeout (20 s by default) and reports only "timeout". So bound
    // it on patternsweep's own options, and read the reason from the server
    // log, which is where an operator would find it.
    const refusal = waitForLog(f.mtls, /TLS handshake error.*certificate/, 10_000);
    const input = resolveNatsConnection({ servers: f.mtls.url, tlsCa: file('ca.pem') }, {});
    const options = natsClientOptions(input, { maxReconnectAttempts: 0 });
    await t.rejects(connect({ ...options, timeout: 2000 }), { name: 'TimeoutError' });
    t.match(await refusal, /certificate/, 'the server logged that the client sent no certificate');
  });

  t.test('nkey: the seed file authenticates and JetStream works', async (t) => {
    const nc = await connectVia(t, { servers: f.nkey.url, nkey: file('user.nk') });
    await kvRoundTrip(t, nc);
  });

  t.test('nkey: an unknown seed is an authorization error naming the file, never the seed', async (t) => {
    const error: unknown = await connectVia(t, { servers: f.nkey.url, nkey: file('intruder.nk') }).then(
      () => t.fail('a seed the server does not know was accepted'),
      (e: unknown) => e,
    );
    t.match(error, {
      name: 'NatsAuthError',
      code: 'E_NATS_AUTH',
      message: `NATS authorization failed for nkey seed file ${file('intruder.nk')} at ${f.nkey.url}`,
    });
    t.notMatch(String(error), /\bSU[A-Z2-7]{50,}/, 'no seed in the message');
    await t.rejects(connectVia(t, { servers: f.nkey.url }), { name: 'NatsAuthError', message: /for no credentials/ });
  });

  t.test('creds: a user JWT issued by a trusted account connects and JetStream works', async (t) => {
    const nc = await connectVia(t, { servers: f.creds.url, creds: file('worker.creds') });
    await kvRoundTrip(t, nc);
  });

  t.test('creds: a user of an unknown account is an authorization error naming the file', async (t) => {
    await t.rejects(connectVia(t, { servers: f.creds.url, creds: file('rogue.creds') }), {
      name: 'NatsAuthError',
      code: 'E_NATS_AUTH',
      message: `NATS authorization failed for creds file ${file('rogue.creds')} at ${f.creds.url}`,
    });
  });

  t.test('the CLI connects over TLS with --tls-ca', async (t) => {
    const status = spawnCli(t, ['status', '--nats', f.tls.url, '--tls-ca', file('ca.pem')]);
    t.equal((await status.exited).code, 0, status.stderr());
    t.match(status.stdout(), /no sweeps recorded\n0 live worker\(s\)/);
  });

  t.test('what we log about an nkey connection never contains the seed', async (t) => {
    const fromFlag = resolveNatsConnection({ servers: f.nkey.url, nkey: file('user.nk') }, {});
    const fromEnv = resolveNatsConnection({}, { PATTERNSWEEP_NATS_URL: f.nkey.url, PATTERNSWEEP_NATS_NKEY: file('user.nk') });
    for (const c of [fromFlag, fromEnv]) {
      t.equal(describeAuth(c), `nkey seed file ${file('user.nk')}`);
      t.equal(redactServers(c.servers), f.nkey.url);
      t.notMatch(`${describeAuth(c)} ${redactServers(c.servers)}`, f.seed);
    }
  });
}

// A setup failure is reported as a failed test, not thrown: a throw at top
// level would end the process before t.teardown stops the servers already up.
const fixture = await setUp().catch((error: unknown) => {
  t.fail(`setup failed, nothing was tested: ${error instanceof Error ? error.message : String(error)}`);
  return undefined;
});
if (fixture !== undefined) defineTests(fixture);
