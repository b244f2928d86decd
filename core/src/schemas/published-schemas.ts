import { z } from 'zod';
import { driftReportSchema } from '../drift/drift-report.js';
import { evidenceRecordSchema } from '../evidence/evidence.js';
import { alertBatchSchema } from '../monitor/monitor-state.js';
import { resultsDocumentSchema } from '../run/results.js';
import { runRecordSchema } from '../run/run-record.js';
import { snapshotManifestSchema } from '../snapshot/manifest.js';

/**
 * The formats users and scripts rely on, as JSON Schemas generated from the zod schemas that validate them.
 * `pnpm schemas` writes them to schemas/; a test fails when the committed files are stale.
 */
export function publishedSchemas(): Record<string, unknown> {
  const entries = {
    'annexa.evidence.v1.schema.json': {
      schema: evidenceRecordSchema,
      title: 'Annexa evidence record (annexa.evidence/v1)',
    },
    'annexa.run.v1.schema.json': { schema: runRecordSchema, title: 'Annexa run record (annexa.run/v1)' },
    'annexa.results.v1.schema.json': {
      schema: resultsDocumentSchema,
      title: 'Annexa check results (annexa.results/v1)',
    },
    'annexa.drift.v1.schema.json': {
      schema: driftReportSchema,
      title: 'Annexa drift report (annexa.drift/v1)',
    },
    'annexa.snapshot.v1.schema.json': {
      schema: snapshotManifestSchema,
      title: 'Annexa snapshot manifest (annexa.snapshot/v1)',
    },
    'annexa.alert.v1.schema.json': {
      schema: alertBatchSchema,
      title: 'Annexa alert batch, as webhook and file sinks deliver it (annexa.alert/v1)',
    },
  };
  return Object.fromEntries(
    Object.entries(entries).map(([file, { schema, title }]) => [
      file,
      {
        $id: `https://annexa.dev/schemas/${file}`,
        title,
        ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
      },
    ]),
  );
}
