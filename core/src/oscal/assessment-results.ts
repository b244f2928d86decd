import type { CurrentEvidence } from '../evaluate/current-evidence.js';
import type { Evidence } from '../evidence/evidence.js';
import type { ControlState } from '../snapshot/control-status.js';
import type { Soa } from '../soa/soa-model.js';
import { uuidV5 } from './uuid-v5.js';

/** The OSCAL release the export follows; its assessment-results JSON Schema validates it in the tests. */
export const OSCAL_VERSION = '1.1.3';
/** Namespace of the props Annexa adds; OSCAL requires one for names outside its own vocabulary. */
export const ANNEXA_NS = 'https://annexa.dev/ns/oscal';

export interface OscalInput {
  soa: Soa;
  at: Date;
  tool: { name: string; version: string };
  current: CurrentEvidence;
  controls: readonly ControlState[];
  /** Where a locker path of evidence is published, e.g. the bundle's evidence folder; default the locker layout. */
  evidenceHref?: (evidence: Evidence) => string;
}

type Json = Record<string, unknown>;

/**
 * OSCAL 1.1 assessment results: one result for the moment judged, an observation per current evidence record
 * (collected / expires, the evidence's SHA-256 in back-matter), and a finding per control the evidence
 * speaks to: satisfied, or not-satisfied when a check fails or the SoA drifts. Every UUID is a v5 UUID of
 * the content it names, so the same state gives the same document.
 */
export function oscalAssessmentResults(input: OscalInput): Json {
  const at = input.at.toISOString();
  const evidence = currentEvidenceList(input.current);
  const observationUuid = (item: Evidence) => uuidV5(`observation:${item.id}`);
  const resourceUuid = (item: Evidence) => uuidV5(`resource:${item.id}`);
  const observations = evidence.map((item) => ({
    uuid: observationUuid(item),
    title: `${item.record.connector.instance}: ${item.record.collector.id}`,
    description: `Evidence collected by Annexa from ${item.record.source}, bearing on Annex A ${item.record.controls.join(', ')}.`,
    props: [
      { name: 'evidence-id', ns: ANNEXA_NS, value: item.id },
      { name: 'connector-type', ns: ANNEXA_NS, value: item.record.connector.type },
    ],
    methods: [item.record.connector.type === 'manual' ? 'EXAMINE' : 'TEST'],
    types: ['control-objective'],
    'relevant-evidence': [
      { href: `#${resourceUuid(item)}`, description: `${item.record.collector.id} record ${item.id}` },
    ],
    collected: item.record.collectedAt,
    expires: item.record.expiresAt,
  }));
  const byId = new Map(evidence.map((item) => [item.id as string, item]));
  const findings = input.controls
    .filter(
      (control) =>
        control.status === 'passing' ||
        control.status === 'failing' ||
        control.status === 'attested' ||
        control.openFindings > 0,
    )
    .map((control) => {
      const satisfied = control.status !== 'failing' && control.openFindings === 0;
      const related = control.evidence.flatMap((id) => {
        const item = byId.get(id);
        return item ? [{ 'observation-uuid': observationUuid(item) }] : [];
      });
      const reason = satisfied
        ? control.status === 'attested'
          ? 'attested by manual evidence; no check failed and the SoA does not drift'
          : 'every mapped check passes and the SoA does not drift'
        : [
            ...control.results
              .filter((r) => r.status === 'fail')
              .map((r) => `${r.check} fails on ${r.resource}`),
            ...control.findings.filter((f) => f.kind !== 'understated').map((f) => `${f.kind}: ${f.message}`),
          ].join('; ');
      return {
        uuid: uuidV5(`finding:${control.id}:${at}:${satisfied}:${control.evidence.join(',')}`),
        title: `A.${control.id} ${control.title}`,
        description: reason,
        target: {
          type: 'objective-id',
          'target-id': controlToken(control.id),
          status: { state: satisfied ? 'satisfied' : 'not-satisfied' },
        },
        ...(related.length > 0 ? { 'related-observations': related } : {}),
      };
    });
  // RFC 3339 UTC strings of one precision sort as the times they name.
  const start = [at, ...evidence.map((item) => item.record.collectedAt)].sort()[0] ?? at;
  const resultUuid = uuidV5(`result:${input.soa.id}:${at}:${evidence.map((e) => e.id).join(',')}`);
  const result: Json = {
    uuid: resultUuid,
    title: `ISO/IEC 27001:2022 Annex A, evidence as of ${at}`,
    description: `Annexa re-evaluated its checks over the newest evidence as of ${at} and compared them with the Statement of Applicability ${input.soa.document.version}.`,
    start,
    end: at,
    'reviewed-controls': {
      'control-selections': [
        { 'include-controls': input.controls.map((control) => ({ 'control-id': controlToken(control.id) })) },
      ],
    },
    ...(observations.length > 0 ? { observations } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };
  const resources = evidence.map((item) => ({
    uuid: resourceUuid(item),
    title: `${item.record.collector.id} evidence ${item.id}`,
    rlinks: [
      {
        href:
          input.evidenceHref?.(item) ??
          `evidence/${item.record.connector.instance}/${item.record.collector.id}/${item.id.slice(7)}.json`,
        'media-type': 'application/json',
        hashes: [{ algorithm: 'SHA-256', value: item.id.slice('sha256:'.length) }],
      },
    ],
  }));
  return {
    'assessment-results': {
      uuid: uuidV5(`assessment-results:${resultUuid}`),
      metadata: {
        title: `${input.soa.document.organization}: ISO/IEC 27001:2022 assessment results`,
        'last-modified': at,
        version: oscalString(input.soa.document.version),
        'oscal-version': OSCAL_VERSION,
        props: [{ name: 'generator', ns: ANNEXA_NS, value: `${input.tool.name} ${input.tool.version}` }],
      },
      'import-ap': {
        href: 'soa.yaml',
        remarks:
          'Annexa keeps no OSCAL assessment plan: the Statement of Applicability is the plan of record.',
      },
      results: [result],
      ...(resources.length > 0 ? { 'back-matter': { resources } } : {}),
    },
  };
}

/**
 * Text as an OSCAL StringDatatype (`^\S(.*\S)?$`: one line, no space at either end), which the SoA's free-form
 * version need not be: whitespace runs become one space and the ends are trimmed.
 */
export function oscalString(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || '-';
}

/** `8.5` as an OSCAL token (a letter first): `a.8.5`. */
export function controlToken(id: string): string {
  return `a.${id}`;
}

function currentEvidenceList(current: CurrentEvidence): Evidence[] {
  const list: Evidence[] = [];
  const seen = new Set<string>();
  for (const instance of current.instances.values()) {
    for (const collection of instance.collections.values()) {
      if (collection.evidence && !seen.has(collection.evidence.id)) {
        seen.add(collection.evidence.id);
        list.push(collection.evidence);
      }
    }
  }
  return list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
