import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize, type JsonValue, LockerError, sha256Id } from '@annexa/core';
import { sampleEvidence, sampleResults, sampleRunDraft } from '@annexa/core/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deadPid } from './__fixtures__/dead-pid.js';
import { tempFileName } from './atomic-write.js';
import { FsLocker, openFsLocker } from './fs-locker.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'annexa-fs-locker-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function newLocker(options: { lockTimeoutMs?: number } = {}): Promise<FsLocker> {
  const locker = new FsLocker(dir, options);
  await locker.init();
  return locker;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof LockerError ? error.code : `not a LockerError: ${String(error)}`),
  );
}

describe('layout on disk', () => {
  test('files hold the exact canonical JSON, so sha256sum of a file is its id', async () => {
    const locker = await newLocker();
    const evidence = await locker.putEvidence(
      sampleEvidence(1, { instance: 'acme prod/eu', collector: 'github.org-settings' }),
    );
    const results = await locker.putResults(sampleResults([evidence.id]));
    const run = await locker.appendRun(sampleRunDraft([evidence], results));
    const hex = (id: string) => id.slice('sha256:'.length);

    const evidenceFile = join(
      dir,
      'evidence',
      'acme%20prod%2Feu',
      'github.org-settings',
      `${hex(evidence.id)}.json`,
    );
    const evidenceBytes = await readFile(evidenceFile);
    expect(evidenceBytes.toString('utf8')).toBe(
      canonicalize(sampleEvidence(1, { instance: 'acme prod/eu' })),
    );
    expect(createHash('sha256').update(evidenceBytes).digest('hex')).toBe(hex(evidence.id));

    const resultsBytes = await readFile(join(dir, 'results', `${hex(results)}.json`));
    expect(sha256Id(resultsBytes)).toBe(results);
    const runBytes = await readFile(join(dir, 'runs', '00000001.json'));
    expect(runBytes.toString('utf8')).toBe(canonicalize(run.record));
    expect(sha256Id(runBytes)).toBe(run.id);
  });

  test('init writes a manifest and a .gitignore for the transient files, and is idempotent', async () => {
    await newLocker();
    const manifest = JSON.parse(await readFile(join(dir, 'LOCKER.json'), 'utf8'));
    expect(manifest).toEqual({ schema: 'annexa.locker/v1', createdAt: expect.stringMatching(/Z$/) });
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('.lock\n.lock.takeover\n.tmp/\n');
    await new FsLocker(dir).init();
    expect(JSON.parse(await readFile(join(dir, 'LOCKER.json'), 'utf8'))).toEqual(manifest);
  });

  test('init accepts a fresh git repository but refuses a directory that holds other things', async () => {
    await mkdir(join(dir, '.git'));
    await newLocker();
    const other = await mkdtemp(join(tmpdir(), 'annexa-not-a-locker-'));
    try {
      await writeFile(join(other, 'thesis.docx'), 'precious');
      const error = await new FsLocker(other).init().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LockerError);
      expect((error as LockerError).code).toBe('not-a-locker');
      expect((error as LockerError).message).toContain('thesis.docx');
      expect(await readFile(join(other, 'thesis.docx'), 'utf8')).toBe('precious');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('a directory without a valid manifest is `not-a-locker` for every operation', async () => {
    expect(await codeOf(openFsLocker(join(dir, 'nowhere')))).toBe('not-a-locker');
    expect(await codeOf(new FsLocker(dir).verify())).toBe('not-a-locker');
    expect(await codeOf(new FsLocker(dir).putEvidence(sampleEvidence()))).toBe('not-a-locker');
    await writeFile(join(dir, 'LOCKER.json'), '{"schema":"something-else"}');
    expect(await codeOf(openFsLocker(dir))).toBe('not-a-locker');
    expect(await codeOf(new FsLocker(dir).init())).toBe('not-a-locker');
  });

  test('any JSON data round-trips through the disk under the id of its canonical form', async () => {
    const locker = await newLocker();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string({ minLength: 1, maxLength: 20 }), async (data, instance) => {
        const record = sampleEvidence(0, { data: data as JsonValue, instance });
        const stored = await locker.putEvidence(record);
        const read = await new FsLocker(dir).getEvidence(stored.id);
        expect(read.id).toBe(sha256Id(canonicalize(record)));
        expect(canonicalize(read.record)).toBe(canonicalize(record));
      }),
      { numRuns: 60 },
    );
    expect((await locker.verify()).ok).toBe(true);
  });

  test('an existing object is never rewritten, even when putting it again', async () => {
    const locker = await newLocker();
    const evidence = await locker.putEvidence(sampleEvidence(2));
    const file = join(dir, 'evidence', 'acme-github', 'github.org-settings', `${evidence.id.slice(7)}.json`);
    await writeFile(file, 'tampered');
    await locker.putEvidence(sampleEvidence(2));
    expect(await readFile(file, 'utf8')).toBe('tampered');
    expect(await codeOf(locker.getEvidence(evidence.id))).toBe('corrupt');
  });
});

describe('temporary files', () => {
  test('open removes what dead writers and old writes left in .tmp, and keeps live writers’ files', async () => {
    await newLocker();
    const tmp = join(dir, '.tmp');
    const dead = await deadPid();
    const mine = tempFileName();
    const deadWriters = tempFileName().replace(`.${process.pid}.`, `.${dead}.`);
    await writeFile(join(tmp, mine), 'half');
    await writeFile(join(tmp, deadWriters), 'half');
    await writeFile(join(tmp, 'ancient.tmp'), 'old');
    await writeFile(join(tmp, 'recent-from-another-host.tmp'), 'new');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(tmp, 'ancient.tmp'), twoHoursAgo, twoHoursAgo);

    await openFsLocker(dir);
    expect((await readdir(tmp)).sort()).toEqual([mine, 'recent-from-another-host.tmp'].sort());
  });

  test('verify ignores .tmp, the lock files and git’s files', async () => {
    const locker = await newLocker();
    await writeFile(join(dir, '.tmp', 'whatever'), 'half-written');
    await writeFile(join(dir, '.lock'), '{}');
    await writeFile(join(dir, '.lock.takeover'), '{}');
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main');
    expect((await locker.verify()).problems).toEqual([]);
  });
});

describe('verify on disk', () => {
  test('reports every file out of place, symlinks included', async () => {
    const locker = await newLocker();
    const evidence = await locker.putEvidence(sampleEvidence(3));
    const collectorDir = join(dir, 'evidence', 'acme-github', 'github.org-settings');
    await writeFile(join(dir, 'README.md'), 'notes');
    await writeFile(join(dir, 'evidence', 'stray.json'), '{}');
    await writeFile(join(collectorDir, `${evidence.id.slice(7).toUpperCase()}.json`), '{}');
    await mkdir(join(collectorDir, 'nested'));
    await writeFile(join(dir, 'runs', '1.json'), '{}');
    await symlink(
      join(collectorDir, `${evidence.id.slice(7)}.json`),
      join(dir, 'results', `${'a'.repeat(64)}.json`),
    );
    const report = await locker.verify();
    expect(report.problems.map((p) => [p.kind, p.path])).toEqual([
      ['unexpected', 'README.md'],
      ['unexpected', `evidence/acme-github/github.org-settings/${evidence.id.slice(7).toUpperCase()}.json`],
      ['unexpected', 'evidence/acme-github/github.org-settings/nested/'],
      ['unexpected', 'evidence/stray.json'],
      ['unexpected', `results/${'a'.repeat(64)}.json`],
      ['unexpected', 'runs/1.json'],
    ]);
    expect(report.objects).toBe(1);
  });

  test('names the runs that are gone, the run that cannot be checked, and the evidence a run expects', async () => {
    const locker = await newLocker();
    const runs = [];
    for (let n = 0; n < 5; n++) {
      const evidence = await locker.putEvidence(
        sampleEvidence(n, { instance: 'acme', collector: 'github.members' }),
      );
      runs.push(await locker.appendRun(sampleRunDraft([evidence], null, n)));
    }
    await rm(join(dir, 'runs', '00000002.json'));
    await rm(join(dir, 'runs', '00000003.json'));
    const gone = runs[0]?.record.collections[0]?.evidence?.slice(7);
    await rm(join(dir, 'evidence', 'acme', 'github.members', `${gone}.json`));
    const report = await locker.verify();
    expect(report.problems.map((p) => [p.kind, p.path, p.message])).toEqual([
      ['missing', `evidence/acme/github.members/${gone}.json`, expect.stringContaining('runs/00000001.json')],
      ['missing', 'runs/00000002.json', expect.stringContaining('runs 2 to 3 are absent')],
      ['chain-broken', 'runs/00000004.json', expect.stringContaining('run 3 is absent')],
    ]);
    expect(report.runs).toBe(3);
  });

  test('a run edited by hand into other valid JSON is `changed`, and the chain after it breaks', async () => {
    const locker = await newLocker();
    const first = await locker.appendRun(sampleRunDraft());
    await locker.appendRun(sampleRunDraft());
    await writeFile(join(dir, 'runs', '00000001.json'), JSON.stringify(first.record, null, 2));
    const report = await locker.verify();
    expect(report.problems.map((p) => [p.kind, p.path])).toEqual([
      ['changed', 'runs/00000001.json'],
      ['chain-broken', 'runs/00000002.json'],
    ]);
    expect(await codeOf(locker.headRun())).toBe(undefined);
    expect(await codeOf(collectRuns(locker))).toBe('corrupt');
  });

  test('a run whose content disagrees with its file name is a break in the chain', async () => {
    const locker = await newLocker();
    const first = await locker.appendRun(sampleRunDraft());
    await writeFile(
      join(dir, 'runs', '00000002.json'),
      canonicalize({ ...first.record, seq: 7, prev: first.id }),
    );
    const report = await locker.verify();
    expect(report.problems).toEqual([
      {
        kind: 'chain-broken',
        path: 'runs/00000002.json',
        message: expect.stringContaining('says it is run 7'),
      },
    ]);
    expect(await codeOf(locker.headRun())).toBe('corrupt');
    expect(await codeOf(locker.appendRun(sampleRunDraft()))).toBe('corrupt');
  });

  test('whatever bytes a file is replaced with, verify reports it and never throws', async () => {
    const locker = await newLocker();
    const evidence = await locker.putEvidence(sampleEvidence(4));
    const results = await locker.putResults(sampleResults([evidence.id]));
    await locker.appendRun(sampleRunDraft([evidence], results));
    await locker.appendRun(sampleRunDraft([evidence], results));
    const targets = [
      join(dir, 'evidence', 'acme-github', 'github.org-settings', `${evidence.id.slice(7)}.json`),
      join(dir, 'results', `${results.slice(7)}.json`),
      join(dir, 'runs', '00000001.json'),
    ];
    const originals = await Promise.all(targets.map((target) => readFile(target)));
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
      fc.constantFrom(...originals).map((bytes) => Buffer.concat([bytes, Buffer.from(' ')])),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(targets.length - 1), content, async (which, bytes) => {
        const target = targets[which] as string;
        fc.pre(!Buffer.from(bytes).equals(originals[which] as Buffer));
        await writeFile(target, bytes);
        try {
          const report = await locker.verify();
          expect(report.ok).toBe(false);
          expect(report.problems.length).toBeGreaterThan(0);
        } finally {
          await writeFile(target, originals[which] as Buffer);
        }
      }),
      { numRuns: 80 },
    );
    expect((await locker.verify()).ok).toBe(true);
  });
});

describe('lock on disk', () => {
  test('nested withLock on one locker runs at once instead of waiting on itself', async () => {
    const locker = await newLocker({ lockTimeoutMs: 100 });
    const seqs = await locker.withLock(() =>
      locker.withLock(async () => {
        const appended = await Promise.all([1, 2, 3].map(() => locker.appendRun(sampleRunDraft())));
        return appended.map((run) => run.record.seq);
      }),
    );
    expect(seqs.sort()).toEqual([1, 2, 3]);
    expect((await locker.verify()).ok).toBe(true);
  });

  test('two instances in one process exclude each other, and the error names the holder and the fix', async () => {
    const first = await newLocker();
    const second = new FsLocker(dir, { lockTimeoutMs: 50 });
    const error = await first.withLock(() =>
      second.withLock(async () => 'never').catch((caught: unknown) => caught),
    );
    expect(error).toBeInstanceOf(LockerError);
    expect((error as LockerError).message).toContain(`process ${process.pid} on `);
    expect((error as LockerError).message).toContain(`delete ${join(dir, '.lock')}`);
  });
});

async function collectRuns(locker: FsLocker): Promise<void> {
  for await (const _run of locker.listRuns()) {
    // drain
  }
}

test('a put still lands after a person removed the directory it goes to', async () => {
  const locker = await newLocker();
  await locker.putEvidence(sampleEvidence(1));
  await rm(join(dir, 'evidence', 'acme-github'), { recursive: true });
  const again = await locker.putEvidence(sampleEvidence(2));
  expect((await new FsLocker(dir).getEvidence(again.id)).record).toEqual(sampleEvidence(2));
});
