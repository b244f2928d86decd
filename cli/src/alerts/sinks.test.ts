import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlertBatch, contentId } from '@annexa/core';
import { afterEach, describe, expect, test } from 'vitest';
import { createSinks, deliverAll } from './create-sinks.js';
import { slackMessage } from './slack-sink.js';
import { startReceiver } from './testing/receiver.js';
import { SIGNATURE_HEADER, signBody, webhookSink } from './webhook-sink.js';

const SECRET = 'whsec_unit_0123456789abcdef';

const batch: AlertBatch = {
  schema: 'annexa.alert/v1',
  kind: 'changes',
  at: '2026-11-27T12:00:00.000Z',
  run: { seq: 7, id: contentId({ run: 7 }) },
  organization: 'Acme Corp',
  open: 1,
  events: [
    {
      type: 'finding-opened',
      at: '2026-11-27T12:00:00.000Z',
      run: { seq: 7, id: contentId({ run: 7 }) },
      finding: {
        fingerprint: contentId('f'),
        control: '8.5',
        controlTitle: 'Secure authentication',
        kind: 'failing',
        severity: 'high',
        message:
          'The SoA says 8.5 is implemented, but github_org_2fa_required fails. Require 2FA for the organisation.',
        claim: 'implemented',
        checks: ['github_org_2fa_required'],
        evidence: [contentId('e')],
        instances: ['acme'],
        firstSeen: '2026-11-27T12:00:00.000Z',
        lastSeen: '2026-11-27T12:00:00.000Z',
        firstRun: { seq: 7, id: contentId({ run: 7 }) },
        suppressed: null,
        explainedBy: null,
      },
    },
  ],
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(statuses: number[] = []) {
  const receiver = await startReceiver(statuses);
  const dir = await mkdtemp(join(tmpdir(), 'annexa-sinks-'));
  cleanups.push(receiver.close, () => rm(dir, { recursive: true, force: true }));
  const options = { retries: 3, timeoutMs: 2000, backoffMs: 1, deadLetter: join(dir, 'dead.jsonl') };
  return { receiver, dir, options };
}

describe('webhook sink', () => {
  test('signs the exact body with HMAC-SHA256 and retries 5xx and 429 until delivered', async () => {
    const { receiver, options } = await setup([503, 429]);
    const result = await webhookSink({ url: receiver.url, secret: SECRET }, options).deliver(batch);
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(receiver.received).toHaveLength(3);
    const last = receiver.received.at(-1);
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(last?.body ?? '')
      .digest('hex')}`;
    expect(last?.headers[SIGNATURE_HEADER]).toBe(expected);
    expect(signBody(SECRET, last?.body ?? '')).toBe(expected);
    expect(JSON.parse(last?.body ?? '')).toEqual(batch);
  });

  test('a refusal (4xx) is not retried; it and an exhausted retry go to the dead-letter file', async () => {
    const { receiver, options } = await setup([400, 500, 500, 500, 500]);
    const sink = webhookSink({ url: receiver.url }, options);
    expect(await sink.deliver(batch)).toMatchObject({
      ok: false,
      attempts: 1,
      error: expect.stringContaining('400'),
    });
    expect(await sink.deliver(batch)).toMatchObject({ ok: false, attempts: 4 });
    const dead = (await readFile(options.deadLetter, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(dead).toHaveLength(2);
    expect(dead[0]).toMatchObject({ batch, error: expect.stringContaining('HTTP 400') });
  });

  test('a receiver that is down never throws and never blocks: the batch is dead-lettered', async () => {
    const { receiver, options } = await setup();
    await receiver.close();
    const result = await webhookSink({ url: receiver.url }, { ...options, retries: 1 }).deliver(batch);
    expect(result).toMatchObject({ ok: false, attempts: 2, error: expect.stringContaining('unreachable') });
    expect(await readFile(options.deadLetter, 'utf8')).toContain('"seq":7');
  });
});

describe('slack sink and file sink', () => {
  test('the Slack message shows the control, what the SoA claims, the evidence and how to fix it', () => {
    const text = JSON.stringify(slackMessage(batch));
    expect(text).toContain('8.5 Secure authentication');
    expect(text).toContain('*SoA claims*\\nimplemented');
    expect(text).toContain('github_org_2fa_required');
    expect(text).toContain('*How to fix*');
    expect(slackMessage(batch).blocks[0]).toMatchObject({ type: 'header' });
  });

  test('createSinks wires config to sinks; a failed Slack delivery never shows its secret URL', async () => {
    const { receiver, dir } = await setup([404]);
    const sinks = createSinks(
      [
        { type: 'slack', url: `${receiver.url}/T000/B000/secretpart`, retries: 0, timeout: 2000 },
        { type: 'file', path: 'alerts.jsonl' },
      ],
      { configDir: dir, lockerDir: join(dir, 'evidence'), backoffMs: 1 },
    );
    const results = await deliverAll(sinks, batch);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(JSON.stringify(results)).not.toContain('secretpart');
    expect(JSON.parse(await readFile(join(dir, 'alerts.jsonl'), 'utf8'))).toEqual(batch);
    const dead = await readFile(join(dir, 'evidence', 'state', 'dead-letter.jsonl'), 'utf8');
    expect(dead).not.toContain('secretpart');
  });
});
