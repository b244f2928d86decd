import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ACTIONS_STATE,
  ANNOTATION_FIELDS,
  type AnnotationField,
  actionsToCsv,
  annotateAction,
  emptyRegister,
  FsStateStore,
  InputError,
  registerSchema,
} from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, openLocker } from '../load.js';

async function openRegister(context: CliContext) {
  const config = await loadProjectConfig(context);
  const locker = await openLocker(config.locker);
  const store = new FsStateStore(locker.location);
  return { locker, store, register: (await store.read(ACTIONS_STATE, registerSchema)) ?? emptyRegister() };
}

/** `annexa actions list`: the corrective-action register (clause 10.1), open first. */
export async function actionsListCommand(
  context: CliContext,
  options: { all?: boolean; json?: boolean; csv?: boolean; out?: string },
): Promise<ExitCode> {
  const { register } = await openRegister(context);
  const actions = register.actions.filter((action) => options.all || options.csv || action.status === 'open');
  if (options.csv) {
    const csv = actionsToCsv(register.actions);
    if (options.out) await writeFile(resolve(context.cwd, options.out), csv);
    else context.stdout.write(csv);
    return EXIT.ok;
  }
  if (options.json) {
    writeLine(context.stdout, JSON.stringify(actions, null, 2));
    return EXIT.ok;
  }
  if (actions.length === 0) {
    writeLine(
      context.stdout,
      options.all ? 'no corrective actions recorded yet' : 'no open corrective actions',
    );
    return EXIT.ok;
  }
  for (const action of actions) {
    const closed = action.closedAt
      ? ` closed ${action.closedAt.slice(0, 10)} (run ${action.closedRun?.seq})`
      : '';
    writeLine(
      context.stdout,
      `${action.id}  ${action.status.padEnd(6)} ${(action.control ?? 'SoA').padEnd(5)} ${action.kind} (${action.severity})  opened ${action.openedAt.slice(0, 10)} (run ${action.openedRun.seq})${closed}`,
    );
  }
  return EXIT.ok;
}

export async function actionsShowCommand(
  context: CliContext,
  id: string,
  options: { json?: boolean },
): Promise<ExitCode> {
  const { register } = await openRegister(context);
  const action = register.actions.find((candidate) => candidate.id === id.toUpperCase());
  if (!action) throw unknownAction(id);
  if (options.json) {
    writeLine(context.stdout, JSON.stringify(action, null, 2));
    return EXIT.ok;
  }
  const lines = [
    `${action.id}: ${action.control ?? 'SoA'} ${action.controlTitle ?? ''} — ${action.kind} (${action.severity}), ${action.status}`,
    `  ${action.message}`,
    `  opened ${action.openedAt} by run ${action.openedRun.seq} (${action.openedRun.id})`,
    ...(action.closedAt
      ? [
          `  closed ${action.closedAt} by run ${action.closedRun?.seq} (${action.closedRun?.id}): fresh evidence showed it resolved`,
        ]
      : []),
    ...(action.acceptedBy ? [`  accepted by ${action.acceptedBy}`] : []),
    `  checks: ${action.checks.join(', ') || 'none'}`,
    `  evidence: ${action.evidence.join(', ') || 'none'}`,
    `  root cause: ${action.rootCause ?? '(not yet recorded)'}`,
    `  corrective action: ${action.correctiveAction ?? '(not yet recorded)'}`,
    ...action.annotations.map((note) => `  ${note.at} ${note.by} ${note.field}: ${note.text}`),
  ];
  for (const line of lines) writeLine(context.stdout, line);
  return EXIT.ok;
}

/** `annexa actions annotate NC-0001 --root-cause ... --corrective-action ... --by ...`: people add, runs close. */
export async function actionsAnnotateCommand(
  context: CliContext,
  id: string,
  options: { rootCause?: string; correctiveAction?: string; note?: string; by?: string },
): Promise<ExitCode> {
  const entries: [AnnotationField, string | undefined][] = [
    ['root-cause', options.rootCause],
    ['corrective-action', options.correctiveAction],
    ['note', options.note],
  ];
  const given = entries.filter(
    (entry): entry is [AnnotationField, string] => entry[1] !== undefined && entry[1].trim() !== '',
  );
  if (given.length === 0) {
    throw new InputError('usage', [
      {
        location: { file: 'annexa actions annotate' },
        message: `give at least one of ${ANNOTATION_FIELDS.map((f) => `--${f}`).join(', ')}`,
      },
    ]);
  }
  const by = options.by ?? context.env.USER ?? context.env.USERNAME ?? 'unknown';
  const { locker, store } = await openRegister(context);
  await locker.withLock(async () => {
    let register = (await store.read(ACTIONS_STATE, registerSchema)) ?? emptyRegister();
    if (!register.actions.some((action) => action.id === id.toUpperCase())) throw unknownAction(id);
    for (const [field, text] of given)
      register = annotateAction(register, id, { at: new Date(), by, field, text });
    await store.write(ACTIONS_STATE, register);
  });
  writeLine(
    context.stdout,
    `${id.toUpperCase()}: recorded ${given.map(([field]) => field).join(', ')} by ${by}`,
  );
  return EXIT.ok;
}

function unknownAction(id: string): InputError {
  return new InputError('usage', [
    {
      location: { file: 'annexa actions' },
      message: `no corrective action ${id}; \`annexa actions list --all\` shows them`,
    },
  ]);
}
