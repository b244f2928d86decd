import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pathSegment, runFileName, seqOfRunFile } from './layout.js';

describe('pathSegment', () => {
  test('keeps readable names as they are', () => {
    expect(pathSegment('acme-github')).toBe('acme-github');
    expect(pathSegment('github.branch-protection')).toBe('github.branch-protection');
    expect(pathSegment('AWS_prod.eu-west-1')).toBe('AWS_prod.eu-west-1');
  });

  test('can never climb out of its directory or hide', () => {
    expect(pathSegment('..')).toBe('%2E%2E');
    expect(pathSegment('.')).toBe('%2E');
    expect(pathSegment('../../etc')).toBe('%2E.%2F..%2Fetc');
    expect(pathSegment('a/b\\c')).toBe('a%2Fb%5Cc');
    expect(pathSegment('.tmp')).toBe('%2Etmp');
    expect(pathSegment('trailing.')).toBe('trailing%2E');
    expect(pathSegment('café ü')).toBe('caf%C3%A9%20%C3%BC');
  });

  test('any name becomes one short, safe directory name, and different readable names stay apart', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const segment = pathSegment(name);
        expect(segment).toMatch(/^[A-Za-z0-9_.%~-]+$/);
        expect(segment).not.toMatch(/^\.|\.$/);
        expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(120);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      // Well-formed text: a lone surrogate has no UTF-8 form of its own and shares U+FFFD's directory.
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        (a, b) => {
          fc.pre(a !== b);
          expect(pathSegment(a)).not.toBe(pathSegment(b));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('names too long for a file system are cut and told apart by a hash', () => {
    const long = 'x'.repeat(500);
    expect(pathSegment(long)).toHaveLength(120);
    expect(pathSegment(long)).not.toBe(pathSegment(`${long}y`));
    expect(pathSegment('é'.repeat(100))).not.toMatch(/%[0-9A-F]?~/);
  });
});

describe('run file names', () => {
  test('seq and name map one to one', () => {
    expect(runFileName(1)).toBe('00000001.json');
    expect(runFileName(123_456_789)).toBe('123456789.json');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (seq) => {
        expect(seqOfRunFile(runFileName(seq))).toBe(seq);
      }),
    );
  });

  test('any other spelling is not a run', () => {
    for (const name of [
      '00000000.json',
      '000000001.json',
      '1.json',
      '00000001.json.bak',
      '0000000a.json',
      '',
    ]) {
      expect(seqOfRunFile(name)).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string(), (name) => {
        const seq = seqOfRunFile(name);
        if (seq !== undefined) expect(runFileName(seq)).toBe(name);
      }),
    );
  });
});
