/**
 * Typed errors. Every error Annexa raises on purpose carries a stable `code`, a message a user can act on,
 * and the `cause` it wraps. Messages never hold secrets: connectors reduce provider errors to safe fields
 * before they build one.
 */
export class AnnexaError extends Error {
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = options.context ?? {};
  }
}

export type ConnectorErrorCode =
  | 'auth' // credentials missing, invalid or expired (401)
  | 'forbidden' // the credentials lack a permission, or the plan lacks a feature (403, some 404s)
  | 'not-found' // the resource does not exist or is hidden from the caller (404)
  | 'rate-limited' // the provider's limit was reached and waiting was not possible or not allowed
  | 'upstream' // the provider failed (5xx, network, timeout, unparseable answer)
  | 'invalid-request'; // the provider rejected what we asked (400, 422): a bug on our side

/** A failure talking to a connected system. Collectors turn it into not-assessable or error. */
export class ConnectorError extends AnnexaError {
  declare readonly code: ConnectorErrorCode;
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;

  constructor(
    code: ConnectorErrorCode,
    message: string,
    options: { cause?: unknown; status?: number; context?: Record<string, unknown> } = {},
  ) {
    super(code, message, options);
    this.status = options.status;
  }
}

/** Where in a user's file a problem is: the file, and the 1-based line and column when known. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface InputProblem {
  location: SourceLocation;
  /** Dotted path of the field, e.g. `connectors[0].token` or `controls[3].risks`. */
  path?: string;
  message: string;
}

/** Bad user input (config, SoA, imports): one or more problems, each naming file, line and field. */
export class InputError extends AnnexaError {
  readonly problems: readonly InputProblem[];

  constructor(code: string, problems: readonly InputProblem[], options: { cause?: unknown } = {}) {
    super(code, problems.map(formatInputProblem).join('\n'), options);
    this.problems = problems;
  }
}

export function formatInputProblem(problem: InputProblem): string {
  const { file, line, column } = problem.location;
  const where =
    line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}
