/**
 * Credentials written into a server URL (`nats://alice:secret@host:4222`,
 * `nats://TOKEN@host:4222`). nats.js ignores them (the server then answers
 * "Authorization Violation"), so they are taken out of the URLs here and used
 * like `--user`/`--password` or `--token`. URLs that disagree, or a URL that
 * disagrees with a flag, are refused rather than guessed at.
 */
import { PatternsweepError } from '../../errors/index.js';

export interface UrlCredentials {
  /** The URLs without their user-info part. */
  readonly servers: string[];
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
}

/** Credentials in URLs that cannot be used as given. One line; never quotes the secret. */
export class UrlCredentialsError extends PatternsweepError {
  override readonly name = 'UrlCredentialsError';
  constructor(message: string) {
    super('NATS_URL_CREDENTIALS', message, { userFacing: true, retryable: false });
  }
}

const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i;

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UrlCredentialsError(`the ${what} in a --nats URL is not valid percent-encoding (write e.g. %40 for @)`);
  }
}

/** Splits user-info out of every URL; all URLs that carry some must carry the same. */
export function splitUrlCredentials(servers: readonly string[]): UrlCredentials {
  let found: { user?: string; password?: string; token?: string } | undefined;
  let foundRaw: string | undefined;
  const stripped = servers.map((server) => {
    const m = USER_INFO.exec(server);
    if (m === null) return server;
    const raw = m[2];
    if (foundRaw !== undefined && raw !== foundRaw) {
      throw new UrlCredentialsError('the --nats URLs carry different credentials; give them once (--user with --password-file, or --token-file)');
    }
    foundRaw = raw;
    const colon = raw.indexOf(':');
    found =
      colon >= 0
        ? { user: decode(raw.slice(0, colon), 'user'), password: decode(raw.slice(colon + 1), 'password') }
        : { token: decode(raw, 'token') };
    if ((found.user ?? found.token) === '') throw new UrlCredentialsError('a --nats URL has an empty user or token before "@"');
    return `${m[1]}${server.slice(m[0].length)}`;
  });
  return { servers: stripped, ...found };
}
