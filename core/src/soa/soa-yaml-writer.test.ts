import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../yaml/yaml-source.js';
import { renderSoaYaml, yamlQuote } from './soa-yaml-writer.js';

describe('renderSoaYaml', () => {
  it('quotes any string so that YAML reads back exactly that string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        expect(parseYamlSource(`value: ${yamlQuote(value)}\n`, 'q.yaml', 'test').value).toEqual({ value });
      }),
      { numRuns: 500 },
    );
  });

  it('writes values that read back unchanged, ids as text', () => {
    const draft = {
      organization: 'Acme: "Ltd" # 1',
      version: '2026.10',
      approvedAt: '2026-10-01',
      controls: [
        {
          id: '8.10',
          applicable: true,
          status: 'partial',
          justification: 'line one\nline two',
          risks: ['R-1', 'no'],
          treatment: { owner: 'it', due: '2027-01-01' },
        },
        { id: 'not a control', applicable: false },
      ],
    };
    const text = renderSoaYaml(draft, { header: ['first', '', 'last'] });
    expect(text.startsWith('# first\n#\n# last\n')).toBe(true);
    expect(text).toContain('  # 8.10 Information deletion\n');
    expect(parseYamlSource(text, 'soa.yaml', 'test').value).toEqual(draft);
  });
});
