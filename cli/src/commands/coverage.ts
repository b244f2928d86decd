import {
  computeCoverage,
  evaluateChecks,
  listManualEvidence,
  loadCurrentEvidence,
  restrictToInstances,
  type Soa,
} from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa, openLocker } from '../load.js';
import { CHECKS } from '../systems.js';

/** `annexa coverage`: per control, whether checks, manual evidence, or nothing speaks to it. */
export async function coverageCommand(
  context: CliContext,
  options: { json?: boolean; all?: boolean },
): Promise<ExitCode> {
  const rows = await loadCoverage(context);
  const shown = rows.filter((row) => options.all || row.applicable !== false);
  if (options.json) {
    writeLine(context.stdout, JSON.stringify(shown, null, 2));
    return EXIT.ok;
  }
  const counts = { automated: 0, manual: 0, stale: 0, none: 0 };
  for (const row of shown) {
    counts[row.coverage]++;
    const detail =
      row.coverage === 'automated'
        ? row.checks.join(', ')
        : row.manual
            .map(
              (item) =>
                `${item.file} until ${item.expiresAt.slice(0, 10)}${item.expired ? ' (expired)' : ''}`,
            )
            .join('; ');
    writeLine(
      context.stdout,
      `${row.control.padEnd(5)} ${row.coverage.padEnd(9)} ${row.title}${detail ? `  [${detail}]` : ''}`,
    );
  }
  writeLine(
    context.stdout,
    `${shown.length} controls: ${counts.automated} automated, ${counts.manual} manual, ${counts.stale} stale, ${counts.none} none`,
  );
  return EXIT.ok;
}

export async function loadCoverage(context: CliContext, at = new Date()) {
  const config = await loadProjectConfig(context);
  let soa: Soa | undefined;
  try {
    soa = await loadProjectSoa(config);
  } catch {
    soa = undefined; // coverage is about evidence; without a readable SoA every control is listed
  }
  const locker = await openLocker(config.locker);
  const current = restrictToInstances(
    await loadCurrentEvidence(locker),
    config.connectors.map((connector) => connector.config.name),
  );
  const results = evaluateChecks({ checks: CHECKS, current });
  const manual = (await listManualEvidence(locker)).map((item) => item.evidence);
  return computeCoverage({ checks: CHECKS, results, manual, soa, at });
}
