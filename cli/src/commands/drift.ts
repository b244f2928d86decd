import {
  computeDrift,
  evaluateChecks,
  hasBlockingDrift,
  InputError,
  loadCurrentEvidence,
  observeAssets,
  restrictToInstances,
} from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa, openLocker } from '../load.js';
import { renderDriftReport } from '../render/drift-report.js';
import { CHECKS, COLLECTORS } from '../systems.js';

export interface DriftOptions {
  json?: boolean;
  at?: string;
}

/** `annexa drift`: the SoA against the newest evidence in the locker, re-evaluated now (or --at). */
export async function driftCommand(context: CliContext, options: DriftOptions): Promise<ExitCode> {
  const at = parseAt(options.at);
  const config = await loadProjectConfig(context);
  const soa = await loadProjectSoa(config);
  const locker = await openLocker(config.locker);
  const current = restrictToInstances(
    await loadCurrentEvidence(locker),
    config.connectors.map((connector) => connector.config.name),
  );
  const results = evaluateChecks({ checks: CHECKS, current });
  const report = computeDrift({
    soa,
    results,
    checks: CHECKS,
    current,
    assets: observeAssets(current, COLLECTORS),
    configuredTypes: [...new Set(config.connectors.map((c) => c.config.type))],
    at,
  });
  if (options.json) {
    writeLine(context.stdout, JSON.stringify(report, null, 2));
  } else {
    writeLine(context.stdout, renderDriftReport(report, { color: context.stdout.isTTY === true }));
  }
  return hasBlockingDrift(report) ? EXIT.drift : EXIT.ok;
}

function parseAt(at: string | undefined): Date {
  if (at === undefined) return new Date();
  const parsed = new Date(at);
  if (Number.isNaN(parsed.getTime())) {
    throw new InputError('usage', [
      {
        location: { file: '--at' },
        message: `"${at}" is not a time; use RFC 3339, e.g. 2026-12-01T00:00:00Z`,
      },
    ]);
  }
  return parsed;
}
