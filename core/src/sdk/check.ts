import type { ControlId } from '../catalog/catalog.js';
import type { ContentId, Evidence } from '../evidence/evidence.js';
import type { AnyCollector, CollectorData } from './collector.js';

export const CHECK_STATUSES = ['pass', 'fail', 'not-assessable', 'error'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ControlMapping {
  id: ControlId;
  /** `satisfies`: a pass is sufficient evidence for the part of the control it covers; `supports`: contributes only. */
  relation: 'satisfies' | 'supports';
  /** One line: why this check evidences this control. */
  rationale: string;
}

/** What a check's evaluate receives: for each named input, the newest evidence of that collector. */
export type CheckInputs<Inputs extends Record<string, AnyCollector>> = {
  [Name in keyof Inputs]: Evidence<CollectorData<Inputs[Name]>>;
};

/** One resource's outcome, as a check's evaluate returns it. */
export interface ResourceResult<InputName extends string = string> {
  /** What was judged, e.g. `github.com/orgs/acme` or `github.com/acme/api@main`. */
  resource: string;
  status: CheckStatus;
  /** A human sentence: what was found, and for a fail how to fix it. */
  message: string;
  /** Which inputs this result rests on; all inputs when omitted. */
  inputs?: InputName[];
}

/**
 * A check: data plus a pure function over evidence. Never touches the network or the clock.
 * Id: `<system>_<service>_<property>`, snake_case; its folder bears the id.
 */
export interface CheckDefinition<Inputs extends Record<string, AnyCollector> = Record<string, AnyCollector>> {
  id: string;
  title: string;
  severity: Severity;
  controls: readonly ControlMapping[];
  /** API permissions the inputs need, in the provider's words (e.g. `admin:org (read)`). */
  permissions: readonly string[];
  inputs: Inputs;
  evaluate(inputs: CheckInputs<Inputs>): ResourceResult<Extract<keyof Inputs, string>>[];
  /**
   * `cross-system`: judged once over every instance (see defineCrossSystemCheck), through `evaluateAcross`;
   * `evaluate` is then never called. Per instance of one connector type when absent.
   */
  scope?: 'instance' | 'cross-system';
  evaluateAcross?(inputs: CrossSystemInputs<Inputs>): CrossSystemResult<Extract<keyof Inputs, string>>[];
}

/** Identity factory: keeps the literal types of a check definition. */
export function defineCheck<Inputs extends Record<string, AnyCollector>>(
  definition: CheckDefinition<Inputs>,
): CheckDefinition<Inputs> {
  return definition;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds checks over every kind of input.
export type AnyCheck = CheckDefinition<any>;

/** What a cross-system check receives: for each named input, the newest evidence of that collector on every instance. */
export type CrossSystemInputs<Inputs extends Record<string, AnyCollector>> = {
  [Name in keyof Inputs]: Evidence<CollectorData<Inputs[Name]>>[];
};

/** A cross-system result may name the exact evidence it rests on (one instance's, not all of an input's). */
export interface CrossSystemResult<InputName extends string = string> extends ResourceResult<InputName> {
  /** Ids among the inputs' evidence; when omitted, every evidence of the named inputs (or of all inputs). */
  evidence?: ContentId[];
}

/** A check over several systems at once, e.g. a Workspace leaver who still has a GitHub membership. */
export interface CrossSystemCheckDefinition<Inputs extends Record<string, AnyCollector>>
  extends Omit<CheckDefinition<Inputs>, 'evaluate' | 'scope' | 'evaluateAcross'> {
  evaluate(inputs: CrossSystemInputs<Inputs>): CrossSystemResult<Extract<keyof Inputs, string>>[];
}

/**
 * Identity factory for a cross-system check. The engine runs it once over the current evidence of every instance
 * (inputs from connector types with no instance are empty lists), not once per instance of one type.
 */
export function defineCrossSystemCheck<Inputs extends Record<string, AnyCollector>>(
  definition: CrossSystemCheckDefinition<Inputs>,
): CheckDefinition<Inputs> {
  const { evaluate, ...rest } = definition;
  return {
    ...rest,
    scope: 'cross-system',
    evaluateAcross: evaluate,
    evaluate() {
      throw new Error(`${definition.id} is a cross-system check: it is evaluated across instances`);
    },
  };
}
