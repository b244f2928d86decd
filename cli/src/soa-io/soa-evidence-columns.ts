import type { ControlState } from '@annexa/core';
import type { SoaExportExtra } from './soa-export.js';

/** The evidence columns of an SoA export, per control, from the control states as of the export. */
export function soaEvidenceColumns(controls: readonly ControlState[]): Map<string, SoaExportExtra> {
  return new Map(
    controls.map((control) => {
      const checks = [...new Set(control.results.map((result) => result.check))].sort();
      const extra: SoaExportExtra = {
        evidenceStatus: control.status,
        openFindings: control.openFindings,
        ...(control.lastEvidenceAt === null ? {} : { evidenceLastCollectedAt: control.lastEvidenceAt }),
        ...(checks.length > 0 ? { automatedChecks: checks } : {}),
      };
      return [control.id, extra];
    }),
  );
}
