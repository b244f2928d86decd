import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DriftReport, driftReportSchema } from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { annexa, makeWorkspace } from './cli-harness.js';

const OWNER_TOKEN = 'ghp_sandboxOwnerToken0000000000000000001';
const MEMBER_TOKEN = 'ghp_sandboxMemberToken000000000000000002';

let sandbox: Sandbox;
const cleanups: (() => Promise<void>)[] = [];

async function workspace(): Promise<string> {
  const { dir, cleanup } = await makeWorkspace(sandbox.githubBaseUrl, 'acme');
  cleanups.push(cleanup);
  return dir;
}

function drift(dir: string, token = OWNER_TOKEN, extra: string[] = []) {
  return annexa(['drift', '--json', ...extra], { cwd: dir, env: { GITHUB_TOKEN: token } });
}

function parseReport(stdout: string): DriftReport {
  return driftReportSchema.parse(JSON.parse(stdout));
}

function findings(report: DriftReport, kind: string, control?: string) {
  return report.findings.filter((f) => f.kind === kind && (control === undefined || f.control === control));
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('an organisation that does not require 2FA', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
  });
  afterAll(() => sandbox.close());

  test('collect stores hashed evidence, drift reports 8.5 failing with the evidence ids behind it', async () => {
    const dir = await workspace();
    const collected = await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
    expect(collected.stderr).toBe('');
    expect(collected.code).toBe(0);
    expect(collected.stdout).toMatch(/\d+ evidence records/);

    const result = await drift(dir);
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    const [failing85] = findings(report, 'failing', '8.5');
    expect(failing85).toBeDefined();
    expect(failing85?.severity).toBe('high');
    expect(failing85?.checks).toEqual(['github_members_2fa_enabled', 'github_org_2fa_required']);
    expect(failing85?.message).toMatch(/implemented/);

    // Every evidence id the finding names is a file in the locker whose sha256 is that id.
    expect(failing85?.evidence.length).toBeGreaterThan(0);
    const files = await listFiles(join(dir, 'evidence'));
    for (const id of failing85?.evidence ?? []) {
      const hex = id.replace('sha256:', '');
      const file = files.find((f) => f.endsWith(`${hex}.json`));
      expect(file, `evidence ${id} is in the locker`).toBeDefined();
      const bytes = await readFile(file as string);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(hex);
    }

    // The SoA excludes 8.28 (no in-house development) while the organisation has repositories.
    expect(findings(report, 'contradicted-exclusion', '8.28')).toHaveLength(1);
    // Annexa never writes to a connected system: GETs, and GraphQL queries (the connector refuses mutations).
    expect(sandbox.requests.every((r) => r.method === 'GET' || r.path.endsWith('/graphql'))).toBe(true);
  });

  test('a locker with one byte changed fails verify, naming the object', async () => {
    const dir = await workspace();
    expect((await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } })).code).toBe(0);
    const clean = await annexa(['verify', '--locker', 'evidence'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/verified/);

    const evidenceFile = (await listFiles(join(dir, 'evidence', 'evidence'))).sort()[0] as string;
    const bytes = await readFile(evidenceFile);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    await writeFile(evidenceFile, bytes);

    const tampered = await annexa(['verify', '--locker', 'evidence'], { cwd: dir });
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/changed/);
    expect(tampered.stdout).toContain(evidenceFile.split('/').pop());
  });

  test('injected 429s with Retry-After are waited out and the result equals a clean run', async () => {
    const cleanDir = await workspace();
    expect((await annexa(['collect'], { cwd: cleanDir, env: { GITHUB_TOKEN: OWNER_TOKEN } })).code).toBe(0);
    const cleanReport = parseReport((await drift(cleanDir)).stdout);

    const limitedDir = await workspace();
    sandbox.resetRequests();
    sandbox.setFaults({ rateLimit: { first: 2, retryAfterSeconds: 1, kind: 'secondary', status: 429 } });
    const limited = await annexa(['collect'], { cwd: limitedDir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
    sandbox.setFaults({});
    expect(limited.code).toBe(0);
    expect(sandbox.requests.filter((r) => r.status === 429)).toHaveLength(2);
    const limitedReport = parseReport((await drift(limitedDir)).stdout);

    // Same findings; only the evaluation time differs.
    const comparable = (report: DriftReport) =>
      report.findings.map((f) => ({
        kind: f.kind,
        control: f.control,
        checks: f.checks,
        fingerprint: f.fingerprint,
      }));
    expect(comparable(limitedReport)).toEqual(comparable(cleanReport));
  });

  test('a token that is not an owner makes the 2FA evidence not assessable: exit 3, then unevidenced', async () => {
    const dir = await workspace();
    const collected = await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: MEMBER_TOKEN } });
    expect(collected.code).toBe(3);
    expect(collected.stdout).toMatch(/not assessable: acme github\.members-2fa: .*owner/);

    const report = parseReport((await drift(dir, MEMBER_TOKEN)).stdout);
    expect(findings(report, 'failing', '8.5')).toHaveLength(0);
    expect(findings(report, 'unevidenced', '8.5')).toHaveLength(1);
    // The secret never appears in anything Annexa prints.
    expect(collected.stdout + collected.stderr).not.toContain(MEMBER_TOKEN);
  });

  test('evidence past its time-to-live is stale at a later --at', async () => {
    const dir = await workspace();
    await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const report = parseReport((await drift(dir, OWNER_TOKEN, ['--at', later])).stdout);
    expect(findings(report, 'stale', '8.5').length).toBeGreaterThan(0);
  });
});

describe('a compliant organisation', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: scenarioPath('github/compliant.yaml') });
  });
  afterAll(() => sandbox.close());

  test('gives no failing finding', async () => {
    const dir = await workspace();
    const collected = await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
    expect(collected.code).toBe(0);
    const report = parseReport((await drift(dir)).stdout);
    expect(findings(report, 'failing')).toHaveLength(0);
    expect(report.summary.controls.evidenced).toBeGreaterThan(0);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
