import { createHash, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  type ExtraFile,
  FsStateStore,
  InputError,
  loadPrivateKey,
  lockerAsOf,
  planLedger,
  recordSnapshot,
  renderReport,
  writeSnapshot,
} from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa } from '../load.js';
import { TOOL } from '../version.js';
import { evidenceStateAt } from './evidence-state.js';
import { parsePeriod } from './period.js';
import { bundleReadme } from './snapshot-readme.js';

export interface SnapshotOptions {
  from: string;
  to: string;
  out: string;
  sign?: string;
}

const FILES = { soa: 'soa/soa.yaml', results: 'state/results.json', drift: 'state/drift.json' } as const;

/** `annexa snapshot --from --to --out X.tar.gz [--sign KEY]`: the audit period as one verifiable bundle. */
export async function snapshotCommand(context: CliContext, options: SnapshotOptions): Promise<ExitCode> {
  const period = parsePeriod(options.from, options.to);
  const out = resolve(context.cwd, options.out);
  if (!/\.tar\.gz$|\.tgz$/.test(out)) {
    throw new InputError('usage', [
      { location: { file: '--out' }, message: `${options.out}: name the bundle *.tar.gz` },
    ]);
  }
  const signer =
    options.sign === undefined
      ? undefined
      : await readSigner(resolve(context.cwd, options.sign), options.sign);
  const config = await loadProjectConfig(context);
  const soa = await loadProjectSoa(config);
  const soaBytes = await readFile(config.soa);
  // Reading must not create a locker where there is none.
  const locker = new FsLocker(config.locker);
  const plan = await planLedger(locker, period);
  const state = await evidenceStateAt(locker, config, soa, period.to);
  // The bundle holds the SoA file as it is now; say so when the runs of the period judged another version.
  const inForce = (await lockerAsOf(locker, period.to).headRun())?.record.soa;
  if (inForce && inForce.id !== soa.id) {
    writeLine(
      context.stderr,
      `annexa: note: the last run before --to used SoA ${inForce.version} (${inForce.id}); the bundle holds ${config.soa} as it is now (${soa.document.version}, ${soa.id})`,
    );
  }
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const extras: ExtraFile[] = [
    { path: 'README.txt', content: () => Buffer.from(bundleReadme(period, signer !== undefined), 'utf8') },
    { path: FILES.soa, content: () => soaBytes },
    { path: FILES.results, content: () => json(state.results) },
    { path: FILES.drift, content: () => json(state.drift) },
    {
      path: 'report/index.html',
      content: (index) =>
        Buffer.from(
          renderReport({
            soa,
            period,
            tool: TOOL,
            controls: state.controls,
            drift: state.drift,
            runs: plan.runs,
            index,
            files: FILES,
          }),
          'utf8',
        ),
    },
  ];
  const written = await writeSnapshot({
    locker,
    plan,
    tool: { name: TOOL.name, version: TOOL.version },
    soa: {
      path: FILES.soa,
      version: soa.document.version,
      sha256: createHash('sha256').update(soaBytes).digest('hex'),
    },
    extras,
    out,
    ...(signer ? { signer } : {}),
  });
  const { manifest } = written;
  // Remembered beside the locker so the management review of the period can list it (9.3.2 audit results).
  await locker.withLock(() =>
    recordSnapshot(new FsStateStore(config.locker), {
      name: basename(out),
      takenAt: new Date().toISOString(),
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      merkleRoot: manifest.files.merkleRoot,
      files: manifest.files.count,
      signedBy: manifest.signature?.keyFingerprint ?? null,
    }),
  );
  writeLine(
    context.stdout,
    `wrote ${basename(out)}: ${manifest.files.count} files (${(manifest.files.bytes / 1e6).toFixed(1)} MB), ` +
      `${plan.runs.length} runs, Merkle root ${manifest.files.merkleRoot}` +
      (manifest.signature ? `, signed by ${manifest.signature.keyFingerprint}` : ', unsigned'),
  );
  return EXIT.ok;
}

async function readSigner(path: string, given: string) {
  let pem: Buffer;
  try {
    pem = await readFile(path);
  } catch {
    throw new InputError('usage', [
      { location: { file: given }, message: 'cannot be read (--sign takes the private key file)' },
    ]);
  }
  const privateKey = loadPrivateKey(pem, given);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
