import { describe, expect, test } from 'vitest';
import { compareControlIds, controls, getControl, parseControlId } from './catalog.js';

describe('Annex A 2022 catalog', () => {
  test('has 93 controls with unique ids', () => {
    expect(controls).toHaveLength(93);
    expect(new Set(controls.map((c) => c.id)).size).toBe(93);
  });

  test('has 37 organizational, 8 people, 14 physical and 34 technological controls', () => {
    const count = (theme: string) => controls.filter((c) => c.theme === theme).length;
    expect([count('organizational'), count('people'), count('physical'), count('technological')]).toEqual([
      37, 8, 14, 34,
    ]);
  });

  test('ids follow the theme numbering: 5.x organizational, 6.x people, 7.x physical, 8.x technological', () => {
    const themeOf = { '5': 'organizational', '6': 'people', '7': 'physical', '8': 'technological' } as const;
    for (const control of controls) {
      const clause = control.id.split('.')[0] as keyof typeof themeOf;
      expect(control.theme).toBe(themeOf[clause]);
    }
  });

  test('the 2013 predecessors cover all 114 controls of the 2013 edition, each once or more', () => {
    const predecessors = new Set(controls.flatMap((c) => c.iso27001_2013));
    expect(predecessors.size).toBe(114);
    // The 2013 edition: A.5 to A.18 with 2,1+2,3+3,4+6+... = 114 controls in 14 clauses.
    const perClause = new Map<string, number>();
    for (const id of predecessors) {
      const clause = id.split('.')[1] ?? '';
      perClause.set(clause, (perClause.get(clause) ?? 0) + 1);
    }
    expect(Object.fromEntries(perClause)).toEqual({
      '5': 2,
      '6': 7,
      '7': 6,
      '8': 10,
      '9': 14,
      '10': 2,
      '11': 15,
      '12': 14,
      '13': 7,
      '14': 13,
      '15': 5,
      '16': 7,
      '17': 4,
      '18': 8,
    });
  });

  test('the 11 controls new in 2022 have no predecessor; all others have one', () => {
    const fresh = controls.filter((c) => c.newIn2022);
    expect(fresh.map((c) => c.id)).toEqual([
      '5.7',
      '5.23',
      '5.30',
      '7.4',
      '8.9',
      '8.10',
      '8.11',
      '8.12',
      '8.16',
      '8.23',
      '8.28',
    ]);
    for (const control of controls) {
      expect(control.iso27001_2013.length === 0).toBe(control.newIn2022);
    }
  });

  test('accepts 8.5 and A.8.5 and prints 8.5', () => {
    expect(parseControlId('8.5')).toBe('8.5');
    expect(parseControlId('A.8.5')).toBe('8.5');
    expect(parseControlId(' a.8.5 ')).toBe('8.5');
    expect(parseControlId('8.35')).toBeUndefined();
    expect(parseControlId('A.9.2.1')).toBeUndefined();
    expect(getControl('8.5').title).toBe('Secure authentication');
  });

  test('orders ids numerically', () => {
    expect(['5.10', '8.1', '5.2', '6.8'].sort(compareControlIds)).toEqual(['5.2', '5.10', '6.8', '8.1']);
  });
});
