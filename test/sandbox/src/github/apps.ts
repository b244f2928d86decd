import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { z } from 'zod';
import { errorBody } from './bodies.js';
import type { GitHubToken } from './scenario.js';

/** A GitHub App installed on the organisation: its public key verifies the JWTs that mint installation tokens. */
export const appSchema = z
  .object({
    id: z.number().int().positive(),
    /** PEM (SPKI) public key of the App's private key; tests generate the pair. */
    publicKeyPem: z
      .string()
      .refine((pem) => isPublicKey(pem), 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)'),
    installationId: z.number().int().positive(),
    /** What an installation token of this App sees: owner-level (every permission granted) or member-level. */
    role: z.enum(['owner', 'member']),
    /** How long a minted installation token lives (GitHub: one hour). */
    tokenLifetimeSeconds: z.number().int().positive().default(3600),
  })
  .strict();
export type GitHubApp = z.output<typeof appSchema>;

function isPublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

export const ACCESS_TOKENS_PATH = /^\/app\/installations\/(\d+)\/access_tokens$/;
const DOCS = 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app';
const JWT_DOCS =
  'https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app';

/** An installation token the fake has minted; it is refused (401) once expired. */
export interface MintedToken extends GitHubToken {
  expiresAt: number;
}

const jwtHeaderSchema = z.object({ alg: z.literal('RS256') });
const jwtPayloadSchema = z.object({
  iat: z.number(),
  exp: z.number(),
  iss: z.union([z.string(), z.number()]),
});

/**
 * `POST /app/installations/{id}/access_tokens`: verifies the App's JWT (RS256 over the App's public key,
 * `iss` the App id, `exp` ahead and at most 10 minutes after `iat`), then mints a `ghs_` token for the
 * installation. The answer is `installation-token`-shaped.
 */
export function mintInstallationToken(
  apps: readonly GitHubApp[],
  authorization: string | undefined,
  installationId: number,
  now: Date,
): { status: number; body: unknown; minted?: MintedToken } {
  const unauthorized = (message: string) => ({ status: 401, body: errorBody(401, message, JWT_DOCS) });
  const jwt = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!jwt) return unauthorized('A JSON web token could not be decoded');
  const [header, payload, signature, ...extra] = jwt.split('.');
  if (!header || !payload || signature === undefined || extra.length > 0) {
    return unauthorized('A JSON web token could not be decoded');
  }
  const claims = jwtPayloadSchema.safeParse(decode(payload));
  if (!jwtHeaderSchema.safeParse(decode(header)).success || !claims.success) {
    return unauthorized('A JSON web token could not be decoded');
  }
  const app = apps.find((candidate) => String(candidate.id) === String(claims.data.iss));
  if (!app) return unauthorized(`Integration not found`);
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(app.publicKeyPem),
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return unauthorized('A JSON web token could not be decoded');
  const seconds = Math.floor(now.getTime() / 1000);
  if (claims.data.exp <= seconds) {
    return unauthorized(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  }
  if (claims.data.iat > seconds + 60 || claims.data.exp - claims.data.iat > 600) {
    return unauthorized(
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  }
  if (app.installationId !== installationId) return { status: 404, body: errorBody(404, 'Not Found', DOCS) };
  const expiresAt = seconds + app.tokenLifetimeSeconds;
  const minted: MintedToken = {
    value: `ghs_${randomBytes(18).toString('hex')}`,
    role: app.role,
    expiresAt,
  };
  const level = app.role === 'owner' ? 'read' : undefined;
  return {
    status: 201,
    minted,
    body: {
      token: minted.value,
      expires_at: new Date(expiresAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      permissions: {
        metadata: 'read',
        members: 'read',
        contents: 'read',
        ...(level
          ? {
              administration: level,
              organization_administration: level,
              vulnerability_alerts: level,
              security_events: level,
              secret_scanning_alerts: level,
            }
          : {}),
      },
      repository_selection: 'all',
    },
  };
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
