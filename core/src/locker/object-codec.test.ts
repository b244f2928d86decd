import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalize, sha256Id } from '../evidence/canonical-json.js';
import { evidenceRecordSchema } from '../evidence/evidence.js';
import { sampleEvidence } from '../testing/fixtures.js';
import { decodeRecord, encodeRecord, isCanonicalJson } from './object-codec.js';

/** JSON texts near the canonical form: canonical ones, and ones with other key order, spaces or escapes. */
const jsonText = fc.jsonValue().chain((value) => {
  const canonical = canonicalize(value);
  return fc.constantFrom(
    canonical,
    JSON.stringify(value),
    JSON.stringify(value, null, 1),
    canonical.replace(/\\u00([0-9a-f]{2})/, (_, hex: string) => `\\u00${hex.toUpperCase()}`),
    canonical.replace(
      /"([a-z])/,
      (_, char: string) => `"\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );
});

describe('isCanonicalJson', () => {
  test('agrees with canonicalize on any JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(jsonText, fc.json()), (text) => {
        const json = JSON.parse(text);
        expect(isCanonicalJson(text, json)).toBe(canonicalize(json) === text);
      }),
      { numRuns: 2_000 },
    );
  });

  test('catches the cases a plain JSON.stringify comparison misses', () => {
    expect(isCanonicalJson('{"b":1,"a":2}', JSON.parse('{"b":1,"a":2}'))).toBe(false);
    expect(isCanonicalJson('{"10":1,"9":2}', JSON.parse('{"10":1,"9":2}'))).toBe(true);
    expect(isCanonicalJson('{"9":2,"10":1}', JSON.parse('{"9":2,"10":1}'))).toBe(false);
    expect(isCanonicalJson('{"a":1,"a":2}', JSON.parse('{"a":1,"a":2}'))).toBe(false);
    expect(isCanonicalJson('1.0', 1)).toBe(false);
    expect(isCanonicalJson('"\\u0041"', 'A')).toBe(false);
  });
});

describe('decodeRecord', () => {
  test('reads back what encodeRecord wrote, and names what is wrong with anything else', () => {
    const encoded = encodeRecord(evidenceRecordSchema, sampleEvidence(1), 'evidence');
    expect(decodeRecord(encoded.bytes, encoded.id, evidenceRecordSchema, 'x')).toEqual({
      ok: true,
      value: sampleEvidence(1),
      id: encoded.id,
    });
    const pretty = Buffer.from(JSON.stringify(sampleEvidence(1), null, 2));
    expect(decodeRecord(pretty, encoded.id, evidenceRecordSchema, 'x')).toMatchObject({ problem: 'changed' });
    expect(decodeRecord(pretty, sha256Id(pretty), evidenceRecordSchema, 'x')).toMatchObject({
      problem: 'not-canonical',
    });
    const notJson = Buffer.from('{"schema":');
    expect(decodeRecord(notJson, sha256Id(notJson), evidenceRecordSchema, 'x')).toMatchObject({
      problem: 'unreadable',
    });
    const wrongShape = Buffer.from(canonicalize({ ...sampleEvidence(1), controls: ['0.0'] }));
    const decoded = decodeRecord(
      wrongShape,
      sha256Id(wrongShape),
      evidenceRecordSchema,
      'an evidence record',
    );
    expect(decoded).toMatchObject({
      ok: false,
      problem: 'unreadable',
      message: expect.stringContaining('controls'),
    });
  });

  test('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoded = decodeRecord(bytes, undefined, evidenceRecordSchema, 'x');
        expect(decoded.ok).toBe(false);
      }),
    );
  });
});
