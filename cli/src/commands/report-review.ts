import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  buildReview,
  FsStateStore,
  InputError,
  loadSoa,
  reviewToHtml,
  reviewToMarkdown,
  snapshotsTaken,
} from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, openLocker } from '../load.js';
import { loadCoverage } from './coverage.js';
import { parseDay } from './parse-day.js';
import { loadTrend } from './trend.js';

/** `annexa report review --from --to`: the clause 9.3.2 input pack, as Markdown and HTML. */
export async function reportReviewCommand(
  context: CliContext,
  options: { from: string; to: string; out?: string },
): Promise<ExitCode> {
  const from = parseDay(options.from, '--from', false);
  const to = parseDay(options.to, '--to', true);
  if (from.getTime() > to.getTime()) {
    throw new InputError('usage', [{ location: { file: '--from' }, message: '--from is after --to' }]);
  }
  const config = await loadProjectConfig(context);
  const locker = await openLocker(config.locker);
  const { trend, register } = await loadTrend(locker);
  const runs = [];
  for await (const run of locker.listRuns()) {
    const at = Date.parse(run.record.finishedAt);
    if (at >= from.getTime() && at <= to.getTime())
      runs.push({ seq: run.record.seq, at: run.record.finishedAt, soa: run.record.soa });
  }
  let organization = 'the organisation';
  try {
    organization = (await loadSoa(config.soa)).document.organization;
  } catch {
    // the pack is still useful without the SoA's name
  }
  const input = {
    organization,
    from,
    to,
    generatedAt: new Date(),
    runs,
    actions: register.actions,
    trend,
    coverage: await loadCoverage(context, to),
    audits: (await snapshotsTaken(new FsStateStore(config.locker), from, to)).map((snapshot) => ({
      name: `${snapshot.name} (period ${snapshot.from.slice(0, 10)} to ${snapshot.to.slice(0, 10)}, ${snapshot.files} files, Merkle root ${snapshot.merkleRoot.slice(0, 16)}…, ${snapshot.signedBy ? `signed by ${snapshot.signedBy}` : 'unsigned'})`,
      at: snapshot.takenAt,
    })),
  };
  const sections = buildReview(input);
  const dir = resolve(context.cwd, options.out ?? 'review');
  await mkdir(dir, { recursive: true });
  const stem = `management-review-${options.from}-to-${options.to}`.replace(/[^A-Za-z0-9._-]/g, '_');
  await writeFile(join(dir, `${stem}.md`), reviewToMarkdown(input, sections));
  await writeFile(join(dir, `${stem}.html`), reviewToHtml(input, sections));
  writeLine(context.stdout, `wrote ${join(dir, `${stem}.md`)} and ${join(dir, `${stem}.html`)}`);
  return EXIT.ok;
}
