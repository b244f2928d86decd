import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { annexa, makeWorkspace, REPO_ROOT } from './cli-harness.js';

const OWNER_TOKEN = 'ghp_sandboxOwnerToken0000000000000000001';
const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

/** A standard tool, as an auditor runs it: exit code and output, never a throw. */
async function tool(command: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** Cells of one CSV line (quoted cells may hold commas; the SoA export has no line breaks in cells here). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
    .filter((match, index, all) => index < all.length - 1 || match[0] !== '')
    .map((match) => (match[1] ?? '').replace(/^"|"$/g, '').replaceAll('""', '"'));
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let sandbox: Sandbox;
let dir: string;
let cleanup: (() => Promise<void>) | undefined;
let bundle: string;
let extracted: string;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
  ({ dir, cleanup } = await makeWorkspace(sandbox.githubBaseUrl, 'acme'));
  for (let i = 0; i < 2; i++) {
    const collected = await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
    expect(collected.code).toBe(0);
  }
  // Manual evidence: the file is kept as a blob in the locker and must travel in the bundle.
  await writeFile(join(dir, 'training.pdf'), '%PDF-1.4 security awareness training 2026, 41 of 41 staff\n');
  const manual = await annexa(
    ['evidence', 'add', '--control', '6.3', '--file', 'training.pdf', '--expires', '365d', '--by', 'ciso'],
    { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } },
  );
  expect(manual.stderr).toBe('');
  expect(manual.code).toBe(0);
  const keys = await annexa(['keys', 'generate', '--out', 'signing'], { cwd: dir });
  expect(keys.code).toBe(0);
  const snapshot = await annexa(
    ['snapshot', '--from', day(-1), '--to', day(1), '--out', 'audit.tar.gz', '--sign', 'signing.key'],
    { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } },
  );
  expect(snapshot.stderr).toBe('');
  expect(snapshot.code).toBe(0);
  bundle = join(dir, 'audit.tar.gz');
  extracted = join(dir, 'x');
  await mkdir(extracted);
  expect((await tool('tar', ['xzf', bundle, '-C', extracted], dir)).code).toBe(0);
  // Two collections, a key pair and a bundle: more than the default hook timeout on a busy machine.
}, 120_000);

afterAll(async () => {
  await cleanup?.();
  await sandbox?.close();
});

describe('annexa snapshot and verify', () => {
  test('the bundle verifies with the signer key, and the same arguments give the same bytes', async () => {
    const verified = await annexa(['verify', 'audit.tar.gz', '--key', 'signing.pub'], { cwd: dir });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      /verified: \d+ files .* 3 runs chained, Merkle root sha256:[0-9a-f]{64}, signature valid/,
    );

    const again = await annexa(
      ['snapshot', '--from', day(-1), '--to', day(1), '--out', 'again.tar.gz', '--sign', 'signing.key'],
      { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } },
    );
    expect(again.code).toBe(0);
    expect((await readFile(join(dir, 'again.tar.gz'))).equals(await readFile(bundle))).toBe(true);
  });

  test('a wrong key fails with exit 1 and says so', async () => {
    await annexa(['keys', 'generate', '--out', 'other'], { cwd: dir });
    const wrong = await annexa(['verify', 'audit.tar.gz', '--key', 'other.pub'], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(
      /signature: manifest\.sig: signed with key sha256:[0-9a-f]{64}, not with the key given/,
    );
  });

  test('a truncated bundle fails with exit 1; a missing one is a usage error', async () => {
    const bytes = await readFile(bundle);
    await writeFile(join(dir, 'cut.tar.gz'), bytes.subarray(0, bytes.byteLength - 100));
    expect((await annexa(['verify', 'cut.tar.gz'], { cwd: dir })).code).toBe(1);
    const missing = await annexa(['verify', 'nope.tar.gz'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.tar\.gz: cannot be read/);
  });

  test('the management review of the period lists the snapshot taken (9.3.2 audit results)', async () => {
    const review = await annexa(['report', 'review', '--from', day(-1), '--to', day(1), '--out', 'review'], {
      cwd: dir,
      env: { GITHUB_TOKEN: OWNER_TOKEN },
    });
    expect(review.code).toBe(0);
    const markdown = await readFile(
      join(dir, 'review', `management-review-${day(-1)}-to-${day(1)}.md`),
      'utf8',
    );
    expect(markdown).toMatch(/Snapshot audit\.tar\.gz \(period .* signed by sha256:[0-9a-f]+\) taken /);
    expect(markdown).not.toContain('No audit is recorded in the locker');
  });

  test('--locker keeps verifying the locker', async () => {
    const locker = await annexa(['verify', '--locker', 'evidence'], { cwd: dir });
    expect(locker.code).toBe(0);
    expect(locker.stdout).toMatch(/locker .* verified/);
  });

  test('an auditor verifies the extracted bundle with sha256sum and openssl only', async () => {
    const root = join(extracted, 'annexa-snapshot');
    const sums = await tool('sha256sum', ['-c', '--strict', 'SHA256SUMS'], root);
    expect(sums.code).toBe(0);
    expect(sums.out).toMatch(/report\/index\.html: OK/);
    expect(sums.out).toMatch(/manual\.attestation\/[0-9a-f]{64}\.files\/[0-9a-f]{16}-training\.pdf: OK/);
    const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
    const listHash = (await tool('sha256sum', ['SHA256SUMS'], root)).out.split(' ')[0];
    expect(listHash).toBe(manifest.files.checksums.sha256);
    const openssl = [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      join(dir, 'signing.pub'),
      '-rawin',
      '-in',
      'manifest.json',
      '-sigfile',
      'manifest.sig',
    ];
    const signature = await tool('openssl', openssl, root);
    expect(signature.code).toBe(0);
    expect(signature.out).toMatch(/Signature Verified Successfully/);

    // And the same tools catch tampering: a changed evidence file, an edited manifest.
    const evidence = (await readFile(join(root, 'SHA256SUMS'), 'utf8'))
      .split('\n')
      .find((l) => l.includes(' evidence/'));
    const evidencePath = join(root, (evidence ?? '').slice(66));
    await writeFile(evidencePath, `${await readFile(evidencePath, 'utf8')} `);
    expect((await tool('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], root)).out).toMatch(/FAILED/);
    await writeFile(
      join(root, 'manifest.json'),
      (await readFile(join(root, 'manifest.json'), 'utf8')).replace('"count"', '"count" '),
    );
    const tampered = await tool('openssl', openssl, root);
    expect(tampered.code).not.toBe(0);
    expect(tampered.out).toMatch(/Signature Verification Failure/);
  });
});

describe('exports', () => {
  test('export oscal writes assessment results valid against the official OSCAL 1.1.3 schema', async () => {
    const exported = await annexa(['export', 'oscal', '--at', `${day(1)}T00:00:00Z`, '--out', 'ar.json'], {
      cwd: dir,
      env: { GITHUB_TOKEN: OWNER_TOKEN },
    });
    expect(exported.code).toBe(0);
    // NIST's official OSCAL 1.1.3 assessment-results schema (test/fixtures/oscal/README.md says where it comes from).
    const { Ajv } = await import('ajv');
    const { default: ajvFormats } = await import('ajv-formats');
    const schema = JSON.parse(
      await readFile(
        join(REPO_ROOT, 'test/fixtures/oscal/nist-v1.1.3/oscal_assessment-results_schema.json'),
        'utf8',
      ),
    );
    const ajv = new Ajv({ allErrors: true, unicodeRegExp: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    const document = JSON.parse(await readFile(join(dir, 'ar.json'), 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const findings = document['assessment-results'].results[0].findings;
    expect(
      findings.find((f: { target: { 'target-id': string } }) => f.target['target-id'] === 'a.8.5').target
        .status.state,
    ).toBe('not-satisfied');
    const again = await annexa(['export', 'oscal', '--at', `${day(1)}T00:00:00Z`], {
      cwd: dir,
      env: { GITHUB_TOKEN: OWNER_TOKEN },
    });
    expect(JSON.parse(again.stdout)).toEqual(document);
  });

  test('soa export carries the evidence columns', async () => {
    const exported = await annexa(['soa', 'export'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
    expect(exported.code).toBe(0);
    const [header, ...rows] = exported.stdout
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n')
      .map(csvCells);
    const row85 = rows.find((row) => row[0] === '8.5') ?? [];
    expect(row85[header?.indexOf('evidence_status') ?? -1]).toBe('failing');
    expect(Number(row85[header?.indexOf('open_findings') ?? -1])).toBeGreaterThan(0);
    expect(row85[header?.indexOf('evidence_last_collected_at') ?? -1]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('the auditor report', () => {
  test.skipIf(!existsSync(CHROMIUM))(
    'opens from file:// in headless Chromium, every evidence link resolves, and a screenshot is kept',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        const report = join(extracted, 'annexa-snapshot', 'report', 'index.html');
        await page.goto(`file://${report}`);
        expect(await page.title()).toMatch(/ISO\/IEC 27001:2022 evidence/);
        await expect(page.locator('#c-8\\.5 .badge').first().textContent()).resolves.toBe('failing');
        const hrefs = await page.$$eval('a[href]', (links) =>
          links.map((a) => String((a as { href?: unknown }).href)),
        );
        const files = hrefs.filter((href) => href.startsWith('file://') && !href.includes('#'));
        expect(files.some((href) => href.includes('/evidence/'))).toBe(true);
        expect(files.some((href) => href.includes('/runs/'))).toBe(true);
        expect(files.some((href) => href.endsWith('-training.pdf'))).toBe(true);
        await expect(page.locator('#c-6\\.3 .badge').first().textContent()).resolves.toMatch(/attested/);
        for (const href of files) expect(existsSync(fileURLToPath(href)), href).toBe(true);
        // No external asset: every request the page made stayed on file://.
        expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
        await mkdir(join(REPO_ROOT, 'test-artifacts'), { recursive: true });
        await page.screenshot({
          path: join(REPO_ROOT, 'test-artifacts', 'snapshot-report.png'),
          fullPage: false,
        });
        await page
          .locator('#c-8\\.5')
          .screenshot({ path: join(REPO_ROOT, 'test-artifacts', 'snapshot-report-8.5.png') });
      } finally {
        await browser.close();
      }
    },
  );
});
