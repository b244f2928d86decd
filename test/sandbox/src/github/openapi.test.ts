import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { SandboxScenario } from '../scenario.js';
import { scenarioPath } from '../scenario-path.js';
import { type Sandbox, startSandbox } from '../server.js';

// The sandbox's REST bodies against GitHub's own OpenAPI description: the response schemas of the operations it
// serves, extracted from @octokit/openapi by scripts/extract-github-openapi.ts (the package itself is too big to
// install). GraphQL is checked against @octokit/graphql-schema elsewhere.

const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';
const MEMBER = 'ghp_sandboxMemberToken000000000000000002';

interface Extract {
  source: { package: string; version: string; file: string };
  operations: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}
const extract = JSON.parse(
  readFileSync(new URL('../../openapi/github-responses.json', import.meta.url), 'utf8'),
) as Extract;

const ID = 'https://annexa.invalid/github-responses.json';
const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
// The four formats GitHub's description uses for these responses (ajv-formats would be one more dependency).
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i);
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
ajv.addSchema({ ...extract, $id: ID });

/** Statuses the sandbox answers with that GitHub's description does not list (docs/github.md, assumptions). */
const UNDOCUMENTED = new Set([
  'GET /orgs/{org}/code-scanning/alerts 403',
  'GET /orgs/{org}/secret-scanning/alerts 403',
]);

function pointer(...segments: string[]): string {
  return segments
    .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
}

interface Checked {
  operation: string;
  status: number;
  errors: string[];
}

/** Validates one response against its operation's schema for that status; returns what did not match. */
async function check(operation: string, response: Response): Promise<Checked> {
  const statuses = extract.operations[operation];
  if (!statuses)
    throw new Error(`${operation} is not in the extract: re-run scripts/extract-github-openapi.ts`);
  const status = String(response.status);
  const text = await response.text();
  if (!(status in statuses)) {
    return {
      operation,
      status: response.status,
      errors: UNDOCUMENTED.has(`${operation} ${status}`) ? [] : [`status ${status} is not documented`],
    };
  }
  if (statuses[status] === null) {
    // No body documented: the sandbox may send GitHub's usual error body, or nothing.
    return { operation, status: response.status, errors: [] };
  }
  const validate = ajv.getSchema(`${ID}#/${pointer('operations', operation, status)}`);
  if (!validate) throw new Error(`no schema for ${operation} ${status}`);
  const valid = validate(JSON.parse(text));
  const errors = valid
    ? []
    : (validate.errors ?? [])
        .slice(0, 40)
        .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  return { operation, status: response.status, errors };
}

async function sweep(sandbox: Sandbox): Promise<Checked[]> {
  const results: Checked[] = [];
  const get = (path: string, token = OWNER) =>
    fetch(`${sandbox.githubBaseUrl}${path}`, { headers: { authorization: `token ${token}` } });
  const visit = async (operation: string, path: string, token = OWNER) =>
    results.push(await check(operation, await get(path, token)));

  for (const token of [OWNER, MEMBER]) {
    await visit('GET /orgs/{org}', '/orgs/acme', token);
    await visit('GET /orgs/{org}/repos', '/orgs/acme/repos?type=all&per_page=100', token);
    await visit('GET /orgs/{org}/members', '/orgs/acme/members?per_page=100', token);
  }
  await visit('GET /orgs/{org}', '/orgs/nobody');
  await visit('GET /orgs/{org}/members', '/orgs/acme/members?filter=2fa_disabled&per_page=100');
  await visit('GET /orgs/{org}/members', '/orgs/acme/members?filter=bogus');
  await visit('GET /orgs/{org}/outside_collaborators', '/orgs/acme/outside_collaborators');
  await visit('GET /orgs/{org}/dependabot/alerts', '/orgs/acme/dependabot/alerts?state=open');
  await visit('GET /orgs/{org}/dependabot/alerts', '/orgs/acme/dependabot/alerts');
  await visit('GET /orgs/{org}/code-scanning/alerts', '/orgs/acme/code-scanning/alerts');
  await visit('GET /orgs/{org}/secret-scanning/alerts', '/orgs/acme/secret-scanning/alerts');

  const repos = (await (await get('/orgs/acme/repos?per_page=100')).json()) as {
    name: string;
    default_branch: string;
  }[];
  for (const { name, default_branch: branch } of repos) {
    const repo = `/repos/acme/${name}`;
    await visit(
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      `${repo}/branches/${branch}/protection`,
    );
    await visit('GET /repos/{owner}/{repo}/rules/branches/{branch}', `${repo}/rules/branches/${branch}`);
    await visit('GET /repos/{owner}/{repo}/codeowners/errors', `${repo}/codeowners/errors`);
    await visit('GET /repos/{owner}/{repo}/vulnerability-alerts', `${repo}/vulnerability-alerts`);
  }
  return results;
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP = { id: 31337, installationId: 4242 };

/** The scenario file with a GitHub App installed, so the token endpoint can be exercised too. */
function withApp(file: string): SandboxScenario {
  const scenario = parse(readFileSync(scenarioPath(file), 'utf8')) as SandboxScenario & {
    github: Record<string, unknown>;
  };
  const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { ...scenario, github: { ...scenario.github, apps: [{ ...APP, publicKeyPem, role: 'owner' }] } };
}

function appJwt(iss: number): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iat: now - 60, exp: now + 540, iss: String(iss) })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), keys.privateKey).toString('base64url')}`;
}

async function mint(sandbox: Sandbox): Promise<Checked[]> {
  const operation = 'POST /app/installations/{installation_id}/access_tokens';
  const post = (installation: number, jwt: string) =>
    fetch(`${sandbox.githubBaseUrl}/app/installations/${installation}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}` },
    });
  return [
    await check(operation, await post(APP.installationId, appJwt(APP.id))),
    await check(operation, await post(APP.installationId, appJwt(999))),
    await check(operation, await post(7, appJwt(APP.id))),
  ];
}

describe.each([
  ['compliant', 'github/compliant.yaml'],
  ['typical', 'github/no-2fa.yaml'],
])('the %s scenario answers as GitHub documents', (_name, file) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: withApp(file) });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  test('every served endpoint, every status it answered with, validates against the OpenAPI extract', async () => {
    const results = [...(await mint(sandbox)), ...(await sweep(sandbox))];
    expect(results.filter((result) => result.errors.length > 0)).toEqual([]);
    expect(results.slice(0, 3).map((result) => result.status)).toEqual([201, 401, 404]);
    // Every operation of the extract was exercised.
    const seen = new Set(results.map((result) => result.operation));
    expect(Object.keys(extract.operations).filter((operation) => !seen.has(operation))).toEqual([]);
  });
});

test('the extract names its source and covers only what the sandbox serves', () => {
  expect(extract.source).toEqual({
    package: '@octokit/openapi',
    version: '23.0.2',
    file: 'generated/api.github.com.json',
    openapi: '3.0.3',
  });
  expect(JSON.stringify(extract)).not.toContain('"nullable"');
});
