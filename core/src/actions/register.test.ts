import { describe, expect, test } from 'vitest';
import { contentId } from '../evidence/canonical-json.js';
import type { TrackedFinding } from '../monitor/monitor-state.js';
import { actionsToCsv } from './actions-csv.js';
import {
  annotateAction,
  emptyRegister,
  meanTimeToCloseDays,
  registerSchema,
  updateRegister,
} from './register.js';

const run = (seq: number) => ({ seq, id: contentId({ seq }) });

function tracked(control: string, message = `8.5 fails`): TrackedFinding {
  return {
    fingerprint: contentId({ control }),
    control,
    controlTitle: 'Secure authentication',
    kind: 'failing',
    severity: 'high',
    message,
    claim: 'implemented',
    checks: ['github_org_2fa_required'],
    evidence: [contentId({ evidence: control })],
    instances: ['acme'],
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: '2026-11-01T00:00:00.000Z',
    firstRun: run(1),
    suppressed: null,
    explainedBy: null,
  };
}

describe('the corrective-action register', () => {
  test('each drift episode is one record: opened when first seen, closed by the run that saw it resolved', () => {
    let register = emptyRegister();
    const a = tracked('8.5');
    const first = updateRegister(register, {
      at: new Date('2026-11-01T00:00:00Z'),
      run: run(1),
      opened: [a],
      resolved: [],
    });
    register = first.register;
    expect(first.opened.map((action) => action.id)).toEqual(['NC-0001']);
    // The same finding seen open again does not open a second record.
    register = updateRegister(register, {
      at: new Date('2026-11-02T00:00:00Z'),
      run: run(2),
      opened: [a],
      resolved: [],
    }).register;
    expect(register.actions).toHaveLength(1);
    const closed = updateRegister(register, {
      at: new Date('2026-11-04T00:00:00Z'),
      run: run(3),
      opened: [],
      resolved: [a],
    });
    register = closed.register;
    expect(closed.closed[0]).toMatchObject({
      id: 'NC-0001',
      status: 'closed',
      closedRun: run(3),
      closedAt: '2026-11-04T00:00:00.000Z',
    });
    // It comes back: a new episode, a new record.
    register = updateRegister(register, {
      at: new Date('2026-11-05T00:00:00Z'),
      run: run(4),
      opened: [a],
      resolved: [],
    }).register;
    expect(register.actions.map((action) => `${action.id} ${action.status}`)).toEqual([
      'NC-0001 closed',
      'NC-0002 open',
    ]);
    expect(meanTimeToCloseDays(register.actions)).toBe(3);
    expect(registerSchema.parse(register)).toEqual(register);
  });

  test('people add root cause and corrective action; annotating never closes', () => {
    let register = updateRegister(emptyRegister(), {
      at: new Date(),
      run: run(1),
      opened: [tracked('8.5')],
      resolved: [],
    }).register;
    register = annotateAction(register, 'nc-0001', {
      at: new Date('2026-11-02T00:00:00Z'),
      by: 'ana',
      field: 'root-cause',
      text: 'SSO migration',
    });
    register = annotateAction(register, 'NC-0001', {
      at: new Date('2026-11-02T00:00:00Z'),
      by: 'ana',
      field: 'corrective-action',
      text: 'enforce 2FA',
    });
    expect(register.actions[0]).toMatchObject({
      status: 'open',
      rootCause: 'SSO migration',
      correctiveAction: 'enforce 2FA',
    });
    expect(register.actions[0]?.annotations).toHaveLength(2);
    expect(() =>
      annotateAction(register, 'NC-0099', { at: new Date(), by: 'x', field: 'note', text: 'y' }),
    ).toThrow(/NC-0099/);
  });

  test('CSV export quotes what needs quoting and defuses spreadsheet formulas', () => {
    const register = updateRegister(emptyRegister(), {
      at: new Date('2026-11-01T00:00:00Z'),
      run: run(1),
      opened: [tracked('8.5', '=HYPERLINK("x"), with "quotes",\nand a newline')],
      resolved: [],
    }).register;
    const csv = actionsToCsv(register.actions);
    const [head, row] = csv.split('\r\n');
    expect(head).toBe(
      'id,status,control,control_title,kind,severity,opened_at,opened_run,closed_at,closed_run,root_cause,corrective_action,accepted_by,message,evidence,fingerprint',
    );
    expect(row).toContain('NC-0001,open,8.5,Secure authentication,failing,high,2026-11-01T00:00:00.000Z,1,,');
    expect(csv).toContain(`"'=HYPERLINK(""x""), with ""quotes"",\nand a newline"`);
  });
});
