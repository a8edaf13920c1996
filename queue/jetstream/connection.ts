/**
 * How every cluster process (coordinator, worker, status, retry-failed)
 * connects to NATS: servers, auth (user/password, token, nkey seed, creds
 * file), TLS, from CLI flags with PATTERNSWEEP_NATS_* environment fallbacks.
 *
 * Secrets never reach logs or /status: use `redactServers` / `describeAuth`.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import {
  AuthorizationError,
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type NatsConnection,
  type NodeConnectionOptions,
} from '@nats-io/transport-node';
import { PatternsweepError } from '../../errors/index.js';
import { splitUrlCredentials, UrlCredentialsError } from './url-credentials.js';

/** What a user can give (CLI flags; all optional but `servers`). */
export interface NatsConnectionInput {
  /** Comma-separated URLs (nats://host:port, tls://..., host:port). @default PATTERNSWEEP_NATS_URL or nats://127.0.0.1:4222 */
  servers?: string;
  user?: string;
  password?: string;
  token?: string;
  /** File holding an nkey seed (SU...). */
  nkey?: string;
  /** Credentials file (JWT + nkey seed). */
  creds?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** Connection name shown by the server (`nats server report connections`). */
  name?: string;
}

export interface ResolvedNatsConnection {
  readonly servers: string[];
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly token: string | undefined;
  readonly nkey: string | undefined;
  readonly creds: string | undefined;
  readonly tlsCa: string | undefined;
  readonly tlsCert: string | undefined;
  readonly tlsKey: string | undefined;
  readonly name: string;
}

export const NATS_CONNECTION_DEFAULTS = Object.freeze({
  servers: 'nats://127.0.0.1:4222',
  name: 'patternsweep',
});

/** Environment variable read for each option when its flag is absent. */
export const NATS_ENV: Readonly<Record<Exclude<keyof NatsConnectionInput, 'name'>, string>> = Object.freeze({
  servers: 'PATTERNSWEEP_NATS_URL',
  user: 'PATTERNSWEEP_NATS_USER',
  password: 'PATTERNSWEEP_NATS_PASSWORD',
  token: 'PATTERNSWEEP_NATS_TOKEN',
  nkey: 'PATTERNSWEEP_NATS_NKEY',
  creds: 'PATTERNSWEEP_NATS_CREDS',
  tlsCa: 'PATTERNSWEEP_NATS_TLS_CA',
  tlsCert: 'PATTERNSWEEP_NATS_TLS_CERT',
  tlsKey: 'PATTERNSWEEP_NATS_TLS_KEY',
});

/** The broker cannot be reached: the message names the URL (redacted), written for the user. */
export class NatsConnectionError extends PatternsweepError {
  override readonly name: string = 'NatsConnectionError';
  constructor(message: string, options?: { cause?: unknown }, code = 'E_NATS_CONNECT') {
    super(code, message, { ...options, retryable: true, userFacing: true });
  }
}

export class NatsAuthError extends NatsConnectionError {
  override readonly name = 'NatsAuthError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options, 'E_NATS_AUTH');
  }
}

export class NatsOptionError extends PatternsweepError {
  override readonly name = 'NatsOptionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_NATS_OPTION', message, { ...options, userFacing: true });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Flags first, then PATTERNSWEEP_NATS_* variables, then defaults. */
export function resolveNatsConnection(
  input: NatsConnectionInput = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedNatsConnection {
  const pick = (key: keyof typeof NATS_ENV): string | undefined => nonEmpty(input[key]) ?? nonEmpty(env[NATS_ENV[key]]);
  const inUrl = splitUrlCredentials(
    (pick('servers') ?? NATS_CONNECTION_DEFAULTS.servers)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
  const resolved: ResolvedNatsConnection = {
    servers: inUrl.servers,
    user: pick('user') ?? inUrl.user,
    password: pick('password') ?? inUrl.password,
    token: pick('token') ?? inUrl.token,
    nkey: pick('nkey'),
    creds: pick('creds'),
    tlsCa: pick('tlsCa'),
    tlsCert: pick('tlsCert'),
    tlsKey: pick('tlsKey'),
    name: input.name ?? NATS_CONNECTION_DEFAULTS.name,
  };
  // URL credentials are used like flags; a flag that says otherwise is refused, not silently preferred.
  if ((inUrl.user !== undefined && resolved.user !== inUrl.user) || (inUrl.password !== undefined && resolved.password !== inUrl.password)) {
    throw new UrlCredentialsError('the --nats URL holds a user and password, and --user/--password say otherwise; give them once');
  }
  if (inUrl.token !== undefined && resolved.token !== inUrl.token) {
    throw new UrlCredentialsError('the --nats URL holds a token, and --token says otherwise; give it once');
  }
  if (resolved.nkey !== undefined && resolved.creds !== undefined) {
    throw new NatsOptionError('nkey and creds: give one of them, not both (creds already holds an nkey seed)');
  }
  if ((resolved.tlsCert === undefined) !== (resolved.tlsKey === undefined)) {
    throw new NatsOptionError('tlsCert and tlsKey: mutual TLS needs both the client certificate and its key');
  }
  return resolved;
}

/** `nats://alice:secret@host:4222` -> `nats://alice:***@host:4222`; tokens in the user part too. */
export function redactServer(url: string): string {
  return url.replace(/^([a-z]+:\/\/)([^@/]*)@/i, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return colon >= 0 ? `${scheme}${auth.slice(0, colon)}:***@` : `${scheme}***@`;
  });
}

export function redactServers(servers: readonly string[]): string {
  return servers.map(redactServer).join(',');
}

/** A log-safe description of how we authenticate. */
export function describeAuth(c: ResolvedNatsConnection): string {
  if (c.creds !== undefined) return `creds file ${c.creds}`;
  if (c.nkey !== undefined) return `nkey seed file ${c.nkey}`;
  if (c.user !== undefined) return `user "${c.user}"`;
  if (c.token !== undefined) return 'token';
  // Credentials inside the URL (nats://user:pass@host or nats://token@host).
  const userInfo = /^[a-z]+:\/\/([^@/]*)@/i.exec(c.servers[0] ?? '')?.[1];
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    return colon >= 0 ? `user "${decodeURIComponent(userInfo.slice(0, colon))}"` : 'token';
  }
  return 'no credentials';
}

function readSecretFile(field: string, path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (cause) {
    throw new NatsOptionError(`${field}: cannot read ${path} (${(cause as Error).message})`, { cause });
  }
}

/** The nats.js options for a resolved connection (reads key files now, so errors come early). */
export function natsClientOptions(
  c: ResolvedNatsConnection,
  behaviour: { waitOnFirstConnect?: boolean; maxReconnectAttempts?: number } = {},
): NodeConnectionOptions {
  const options: NodeConnectionOptions = {
    servers: c.servers,
    name: c.name,
    // Workers and coordinators outlive broker restarts: keep reconnecting.
    maxReconnectAttempts: behaviour.maxReconnectAttempts ?? -1,
    waitOnFirstConnect: behaviour.waitOnFirstConnect ?? false,
    reconnectTimeWait: 1000,
  };
  if (c.user !== undefined) {
    options.user = c.user;
    options.pass = c.password ?? '';
  } else if (c.token !== undefined) {
    options.token = c.token;
  }
  if (c.creds !== undefined) options.authenticator = credsAuthenticator(readSecretFile('creds', c.creds));
  if (c.nkey !== undefined) {
    const seed = new TextEncoder().encode(new TextDecoder().decode(readSecretFile('nkey', c.nkey)).trim());
    options.authenticator = nkeyAuthenticator(seed);
  }
  if (c.tlsCa !== undefined || c.tlsCert !== undefined) {
    // nats.js passes extra keys through to tls.connect; its type only lacks them.
    const tls: NonNullable<NodeConnectionOptions['tls']> & Pick<TlsConnectionOptions, 'checkServerIdentity'> = {
      ...(c.tlsCa !== undefined ? { caFile: c.tlsCa } : {}),
      ...(c.tlsCert !== undefined ? { certFile: c.tlsCert, keyFile: c.tlsKey } : {}),
      checkServerIdentity: ipAwareServerIdentity(c.servers),
    };
    options.tls = tls;
  }
  return options;
}

/** The host of `nats://h:p`, `tls://h:p`, `h:p` or `[v6]:p`, without IPv6 brackets. */
function hostOf(server: string): string {
  try {
    return new URL(server.includes('://') ? server : `nats://${server}`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return '';
  }
}

/**
 * nats.js gives Node no TLS name when a server URL is an IP address, so Node
 * checks the certificate against "localhost" and refuses one issued for the
 * IP (even for our default nats://127.0.0.1:4222). Also accept a certificate
 * valid for one of the IP addresses we were told to connect to; the chain is
 * still verified against the CA before this runs.
 */
function ipAwareServerIdentity(servers: readonly string[]): NonNullable<TlsConnectionOptions['checkServerIdentity']> {
  const ips = servers.map(hostOf).filter((host) => isIP(host) !== 0);
  return (hostname, cert) => {
    const error = checkServerIdentity(hostname, cert);
    if (error === undefined || ips.some((ip) => checkServerIdentity(ip, cert) === undefined)) return undefined;
    return error;
  };
}

function isAuthFailure(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof AuthorizationError || e.name === 'AuthorizationError') return true;
    if (/authorization violation|authentication/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Connects, turning nats.js errors into ones a user can act on, e.g.
 * `NATS authorization failed for user "x" at nats://127.0.0.1:4222`.
 */
export async function connectNats(
  c: ResolvedNatsConnection,
  behaviour: { waitOnFirstConnect?: boolean; maxReconnectAttempts?: number } = {},
): Promise<NatsConnection> {
  const where = redactServers(c.servers);
  const options = natsClientOptions(c, behaviour);
  try {
    return await connect(options);
  } catch (cause) {
    if (isAuthFailure(cause)) {
      throw new NatsAuthError(`NATS authorization failed for ${describeAuth(c)} at ${where}`, { cause });
    }
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new NatsConnectionError(`cannot connect to NATS at ${where}: ${detail}`, { cause });
  }
}
