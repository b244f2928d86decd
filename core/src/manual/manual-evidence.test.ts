import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { computeCoverage } from '../coverage/coverage.js';
import { InputError } from '../errors/errors.js';
import { MemoryLocker } from '../locker/memory-locker.js';
import { addManualEvidence, listManualEvidence } from './manual-evidence.js';

const TOOL = { name: 'annexa', version: 'test' };
const pdf = new TextEncoder().encode('%PDF-1.7 training attendance 2026');

describe('manual evidence', () => {
  test('stores the file as a blob, the record in the ledger, and counts for the control until it expires', async () => {
    const locker = new MemoryLocker();
    const now = new Date('2026-01-15T09:00:00.000Z');
    const { evidence, run } = await addManualEvidence({
      locker,
      control: 'A.6.3',
      file: { name: 'training-2026.pdf', bytes: pdf, mediaType: 'application/pdf' },
      note: 'annual awareness training',
      addedBy: 'ana',
      expires: '365d',
      now,
      tool: TOOL,
    });
    const data = evidence.record.data as {
      file: { blob: string; size: number; name: string };
      addedBy: string;
    };
    expect(data.file.blob).toBe(`sha256:${createHash('sha256').update(pdf).digest('hex')}`);
    expect(data).toMatchObject({ file: { name: 'training-2026.pdf', size: pdf.length }, addedBy: 'ana' });
    expect(
      Buffer.from(await locker.getBlob(data.file.blob as `sha256:${string}`)).equals(Buffer.from(pdf)),
    ).toBe(true);
    expect(evidence.record).toMatchObject({
      connector: { instance: 'manual', type: 'manual' },
      collector: { id: 'manual.attestation', version: '1' },
      controls: ['6.3'],
      expiresAt: '2027-01-15T09:00:00.000Z',
    });
    expect(run.record.collections).toEqual([
      expect.objectContaining({ status: 'collected', evidence: evidence.id }),
    ]);
    expect((await locker.verify()).ok).toBe(true);

    const manual = (await listManualEvidence(locker)).map((item) => item.evidence);
    const row = (at: string) =>
      computeCoverage({ checks: [], results: [], manual, at: new Date(at) }).find((r) => r.control === '6.3');
    expect(row('2026-06-01T00:00:00Z')?.coverage).toBe('manual');
    expect(row('2027-02-01T00:00:00Z')?.coverage).toBe('stale');
    expect(
      computeCoverage({ checks: [], results: [], manual, at: now }).find((r) => r.control === '6.4')
        ?.coverage,
    ).toBe('none');
  });

  test('an unknown control or a bad duration is an InputError naming the flag; nothing is stored', async () => {
    const locker = new MemoryLocker();
    const base = {
      locker,
      file: { name: 'x.pdf', bytes: pdf, mediaType: 'application/pdf' },
      note: '',
      addedBy: 'a',
      tool: TOOL,
    };
    await expect(addManualEvidence({ ...base, control: '9.99', expires: '30d' })).rejects.toThrow(InputError);
    await expect(addManualEvidence({ ...base, control: '6.3', expires: 'next year' })).rejects.toThrow(
      /--expires/,
    );
    expect(await locker.headRun()).toBeUndefined();
  });
});
