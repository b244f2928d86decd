import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../errors/errors.js';
import { catchInputError } from '../testing/catch-input-error.js';
import { parsePeopleFile } from './people-file.js';

const FILE = '/etc/annexa/people.yaml';

describe('people.yaml', () => {
  test('people with GitHub and AWS accounts, and non-person accounts', () => {
    const parsed = parsePeopleFile(
      [
        'people:',
        '  - email: bob@acme.example',
        '    github: [bob]',
        '    aws: [bob.smith]',
        'nonPerson:',
        '  github: [ci-bot]',
        '',
      ].join('\n'),
      FILE,
    );
    expect(parsed).toEqual({
      people: [{ email: 'bob@acme.example', github: ['bob'], aws: ['bob.smith'] }],
      nonPerson: { github: ['ci-bot'] },
    });
    expect(parsePeopleFile('', FILE)).toEqual({ people: [], nonPerson: {} });
  });

  test.each([
    ['people:\n  - email: not-an-email\n', 2, 'people[0].email', /e-?mail address/],
    ['people:\n  - email: a@b.example\n    gitlab: [x]\n', 3, 'people[0].gitlab', /unknown key "gitlab"/],
    [
      'people:\n  - email: a@b.example\n    github: [bob]\n  - email: c@b.example\n    github: [Bob]\n',
      5,
      'people[1].github[0]',
      /already linked to people\[0\]/,
    ],
    ['people: [\n', 2, undefined, /./],
  ])('%j is refused at line %i', (text, line, path, message) => {
    const error = catchInputError(() => parsePeopleFile(text, FILE));
    const [problem] = error.problems;
    expect(problem?.location.file).toBe(FILE);
    expect(problem?.location.line).toBe(line);
    if (path) expect(problem?.path).toBe(path);
    expect(problem?.message).toMatch(message);
  });

  test('fuzz: any text parses or fails with an InputError naming the file', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc
        .array(
          fc.constantFrom(
            'people:',
            '  - email: a@b.example',
            '    github: [x, y]',
            'nonPerson:',
            '  aws: [z]',
            '  - ',
            ': ',
            '*a',
            '&a x',
            '[',
            '{',
          ),
          { maxLength: 8 },
        )
        .map((lines) => lines.join('\n')),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          parsePeopleFile(text, FILE);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).problems.every((problem) => problem.location.file === FILE)).toBe(
            true,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});
