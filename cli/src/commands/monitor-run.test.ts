// biome-ignore-all lint/suspicious/noTemplateCurlyInString: annexa.yaml's own ${VAR} syntax, not JS templates.
import { createHash, createHmac } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AlertBatch, alertBatchSchema, type Nonconformity } from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { FsLocker } from '@annexa/storage-fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReceiver } from '../alerts/testing/receiver.js';
import { SIGNATURE_HEADER } from '../alerts/webhook-sink.js';
import { runCli } from '../program.js';

const DEMO = fileURLToPath(new URL('../../../examples/demo/', import.meta.url));
const OWNER_TOKEN = 'ghp_sandboxOwnerToken0000000000000000001';
const SECRET = 'whsec_0123456789abcdef0123';

class Capture {
  text = '';
  write(chunk: string | Uint8Array): boolean {
    this.text += chunk.toString();
    return true;
  }
}

let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let dir: string;

async function annexa(args: string[], token = OWNER_TOKEN) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, {
    stdout: stdout as unknown as NodeJS.WritableStream,
    stderr: stderr as unknown as NodeJS.WritableStream,
    cwd: dir,
    env: { GITHUB_TOKEN: token, ANNEXA_WEBHOOK_SECRET: SECRET, USER: 'tester', ANNEXA_LOG_LEVEL: 'silent' },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// Every delivered body must be a valid annexa.alert/v1 batch: the published schema is what receivers rely on.
const batches = () => receiver.received.map((request) => alertBatchSchema.parse(JSON.parse(request.body)));
const types = (batch: AlertBatch | undefined) =>
  batch?.events.map((event) => `${event.type} ${event.finding?.control ?? event.instance}`);

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: scenarioPath('github/compliant.yaml') });
  receiver = await startReceiver();
  dir = await mkdtemp(join(tmpdir(), 'annexa-monitor-'));
  await cp(join(DEMO, 'soa.yaml'), join(dir, 'soa.yaml'));
  await cp(join(DEMO, 'risks.yaml'), join(dir, 'risks.yaml'));
  await writeFile(
    join(dir, 'annexa.yaml'),
    [
      'locker: ./evidence',
      'soa: ./soa.yaml',
      'risks: ./risks.yaml',
      'connectors:',
      '  - name: acme',
      '    type: github',
      '    org: acme',
      '    token: ${GITHUB_TOKEN}',
      `    baseUrl: ${sandbox.githubBaseUrl}`,
      'alerts:',
      '  sinks:',
      '    - type: webhook',
      `      url: ${receiver.url}`,
      '      secret: ${ANNEXA_WEBHOOK_SECRET}',
      '      retries: 0',
      '    - type: file',
      '      path: ./alerts.jsonl',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await sandbox.close();
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

describe('annexa run against the sandbox', () => {
  test('alerts on change only, opens and closes nonconformities from evidence, and keeps the locker verifiable', async () => {
    // Run 1: the first run reports what it finds (8.28 is excluded, yet the organisation has repositories).
    const first = await annexa(['run']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(request?.body ?? '')
      .digest('hex')}`;
    expect(request?.headers[SIGNATURE_HEADER]).toBe(expected);
    expect(request?.body).not.toContain(SECRET);
    expect(types(batches()[0])).toContain('finding-opened 8.28');

    // Run 2: the same world: nothing new, nothing sent.
    expect((await annexa(['run'])).code).toBe(1);
    expect(receiver.received).toHaveLength(1);

    // Run 3: the organisation stops requiring 2FA: one alert, one new nonconformity.
    await sandbox.setScenario(scenarioPath('github/no-2fa.yaml'));
    await annexa(['run']);
    expect(receiver.received).toHaveLength(2);
    expect(types(batches()[1])).toContain('finding-opened 8.5');
    const listed = await annexa(['actions', 'list', '--json']);
    const open = JSON.parse(listed.stdout) as Nonconformity[];
    const nc85 = open.find((action) => action.control === '8.5' && action.kind === 'failing');
    expect(nc85?.status).toBe('open');
    expect(nc85?.openedRun.seq).toBe(3);
    expect(nc85?.evidence.length).toBeGreaterThan(0);

    // Run 4: the token is revoked: the connector fails; that proves nothing about 8.5, which stays open.
    await sandbox.setScenario(scenarioPath('github/compliant.yaml'));
    const failing = await annexa(['run'], 'ghp_revokedToken00000000000000000000009');
    expect(failing.code).not.toBe(0);
    expect(types(batches()[2])).toEqual(expect.arrayContaining(['connector-failing acme']));
    expect(types(batches()[2])).not.toContain('finding-resolved 8.5');
    const stillOpen = JSON.parse(
      (await annexa(['actions', 'show', nc85?.id ?? '', '--json'])).stdout,
    ) as Nonconformity;
    expect(stillOpen.status).toBe('open');

    // People record root cause and corrective action; only a run can close the record.
    const annotated = await annexa([
      'actions',
      'annotate',
      nc85?.id ?? '',
      '--root-cause',
      'policy lapsed',
      '--corrective-action',
      'enforce 2FA org-wide',
    ]);
    expect(annotated.code).toBe(0);

    // Run 5: fresh evidence shows 2FA required again: resolved, recovered, and the record closed by run 5.
    expect((await annexa(['run'])).stderr).toBe('');
    const last = batches().at(-1);
    expect(types(last)).toEqual(expect.arrayContaining(['connector-recovered acme', 'finding-resolved 8.5']));
    const closed = JSON.parse(
      (await annexa(['actions', 'show', nc85?.id ?? '', '--json'])).stdout,
    ) as Nonconformity;
    expect(closed).toMatchObject({
      status: 'closed',
      closedRun: { seq: 5 },
      rootCause: 'policy lapsed',
      correctiveAction: 'enforce 2FA org-wide',
    });

    // The file sink holds every batch the webhook got; the CSV export lists the record.
    const lines = (await readFile(join(dir, 'alerts.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(receiver.received.length);
    const csv = await annexa(['actions', 'list', '--csv']);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^id,status,control/);
    expect(csv.stdout).toContain(`${nc85?.id},closed,8.5`);

    // Monitor state lives beside the content-addressed store: the locker still verifies.
    expect((await new FsLocker(join(dir, 'evidence')).verify()).ok).toBe(true);
  });

  test('manual evidence, coverage, trend and the management review pack', async () => {
    await writeFile(join(dir, 'training-2026.pdf'), '%PDF-1.7 awareness training attendance');
    const added = await annexa([
      'evidence',
      'add',
      '--control',
      '6.3',
      '--file',
      'training-2026.pdf',
      '--expires',
      '365d',
      '--note',
      'all staff',
    ]);
    expect(added.code).toBe(0);
    const blob = /blob (sha256:[0-9a-f]{64})/.exec(added.stdout)?.[1] ?? '';
    const stored = await readFile(join(dir, 'evidence', 'blobs', blob.slice('sha256:'.length)));
    expect(`sha256:${createHash('sha256').update(stored).digest('hex')}`).toBe(blob);

    // A run after manual evidence was added: the manual "instance" is not a configured connector and hurts nothing.
    const again = await annexa(['run']);
    expect(again.stderr).toBe('');
    expect([0, 1]).toContain(again.code);

    const coverage = JSON.parse((await annexa(['coverage', '--json'])).stdout) as {
      control: string;
      coverage: string;
    }[];
    expect(coverage.find((row) => row.control === '6.3')?.coverage).toBe('manual');
    expect(coverage.find((row) => row.control === '8.5')?.coverage).toBe('automated');
    expect(coverage.some((row) => row.coverage === 'none')).toBe(true);

    const trend = JSON.parse((await annexa(['trend', '--json'])).stdout) as {
      points: unknown[];
      actions: { closed: number };
    };
    expect(trend.points.length).toBeGreaterThanOrEqual(5);
    expect(trend.actions.closed).toBeGreaterThanOrEqual(1);

    const today = new Date().toISOString().slice(0, 10);
    const review = await annexa([
      'report',
      'review',
      '--from',
      '2026-01-01',
      '--to',
      today,
      '--out',
      'review',
    ]);
    expect(review.code).toBe(0);
    const markdown = await readFile(
      join(dir, 'review', `management-review-2026-01-01-to-${today}.md`),
      'utf8',
    );
    expect(markdown).toMatch(/nonconformities opened and \d+ closed in the period/);
    expect(markdown).toContain('| NC-0001 |');
    expect(
      await readFile(join(dir, 'review', `management-review-2026-01-01-to-${today}.html`), 'utf8'),
    ).toContain('<h2>Audit results</h2>');

    const bad = await annexa([
      'evidence',
      'add',
      '--control',
      '6.3',
      '--file',
      'missing.pdf',
      '--expires',
      '365d',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('missing.pdf');
    expect((await new FsLocker(join(dir, 'evidence')).verify()).ok).toBe(true);
  });
});
