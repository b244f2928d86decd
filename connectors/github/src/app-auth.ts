import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConnectorError, type Logger, recordRequest } from '@annexa/core';
import { z } from 'zod';
import type { GitHubAppConfig } from './config.js';
import { CONNECTOR_VERSION } from './version.js';

/** A token this close to its expiry is replaced before it is used (GitHub's tokens live one hour). */
export const REFRESH_MARGIN_SECONDS = 5 * 60;

const installationTokenSchema = z.object({ token: z.string().min(1), expires_at: z.string() });
const messageSchema = z.object({ message: z.string() });

export interface InstallationTokenOptions {
  app: GitHubAppConfig;
  /** REST root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  baseUrl: string;
  log: Logger;
  signal: AbortSignal;
  /** The clock the refresh decision reads (tests move it); `Date.now` unless told. The JWT uses the real one. */
  now?: () => number;
}

/**
 * The installation access tokens of a GitHub App: a JWT signed RS256 with the App's private key (node:crypto;
 * `iat` 60 s back for clock drift, `exp` 9 minutes ahead, `iss` the App ID) is exchanged for a one-hour token with
 * `POST /app/installations/{id}/access_tokens`, the one POST Annexa sends besides GraphQL queries: it creates a
 * short-lived token and changes no configuration. The token is minted again 5 minutes before it expires.
 * Neither the key, the JWT nor a token ever reaches a log line, an error message or evidence.
 */
export class InstallationTokens {
  readonly #options: InstallationTokenOptions;
  readonly #now: () => number;
  #key: Promise<KeyObject> | undefined;
  #current: { token: string; expiresAt: number } | undefined;
  #minting: Promise<string> | undefined;

  constructor(options: InstallationTokenOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** A token valid for at least 5 more minutes; concurrent callers share one mint. */
  async token(): Promise<string> {
    const current = this.#current;
    if (current && current.expiresAt - this.#now() > REFRESH_MARGIN_SECONDS * 1000) return current.token;
    this.#minting ??= this.#mint().finally(() => {
      this.#minting = undefined;
    });
    return this.#minting;
  }

  async #mint(): Promise<string> {
    const { app, baseUrl, log, signal } = this.#options;
    this.#key ??= readPrivateKey(app.privateKeyFile);
    const key = await this.#key;
    const path = `/app/installations/${app.installationId}/access_tokens`;
    const where = `POST ${path}`;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${appJwt(app.appId, key, Date.now())}`,
          'user-agent': `annexa/${CONNECTOR_VERSION}`,
          'x-github-api-version': '2022-11-28',
        },
        signal,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'network error';
      throw new ConnectorError('upstream', `GitHub could not be reached for ${where}: ${reason}`);
    }
    recordRequest({ method: 'POST', path, status: response.status });
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status !== 201) throw mintError(response.status, body, where, app);
    const parsed = installationTokenSchema.safeParse(body);
    const expiresAt = parsed.success ? Date.parse(parsed.data.expires_at) : Number.NaN;
    if (!parsed.success || Number.isNaN(expiresAt)) {
      throw new ConnectorError('upstream', `GitHub's answer to ${where} holds no token and expiry`);
    }
    this.#current = { token: parsed.data.token, expiresAt };
    log.debug(
      { appId: app.appId, installationId: app.installationId, expiresAt: parsed.data.expires_at },
      'minted a GitHub App installation token',
    );
    return parsed.data.token;
  }
}

/** The App's JWT: header and claims base64url-encoded, signed RS256. */
export function appJwt(appId: number, key: KeyObject, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iat: now - 60, exp: now + 9 * 60, iss: String(appId) })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

async function readPrivateKey(file: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConnectorError(
      'auth',
      `cannot read the GitHub App private key file ${file} (${reason}): check app.privateKeyFile`,
    );
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'rsa') return key;
  } catch {
    // Node's parse errors are not shown: only that the file is not a key.
  }
  throw new ConnectorError(
    'auth',
    `the GitHub App private key file ${file} is not an RSA private key in PEM: download a new one from the App's settings`,
  );
}

function mintError(status: number, body: unknown, where: string, app: GitHubAppConfig): ConnectorError {
  const parsed = messageSchema.safeParse(body);
  const message = parsed.success ? parsed.data.message.split('\n', 1)[0]?.slice(0, 200) : undefined;
  const said = `GitHub answered ${status} to ${where}${message ? `: ${message}` : ''}`;
  const options = { status, context: { method: 'POST', path: where.slice('POST '.length) } };
  if (status === 401) {
    return new ConnectorError(
      'auth',
      `${said}: GitHub refused the App's JSON web token; check app.appId (${app.appId}), that the private key belongs to that App, and this machine's clock`,
      options,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not-found',
      `${said}: App ${app.appId} has no installation ${app.installationId}; check app.installationId`,
      options,
    );
  }
  if (status === 403 || status === 422) {
    return new ConnectorError(
      'forbidden',
      `${said}: the installation is suspended or lacks a permission`,
      options,
    );
  }
  return new ConnectorError('upstream', `${said} (could not mint an installation token)`, options);
}
