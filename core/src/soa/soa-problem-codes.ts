/**
 * Every code a SoaProblem can carry. They are a contract: drift reports and scripts match on them.
 */
export const SOA_PROBLEM_CODES = [
  'missing-control', // one of the 93 Annex A controls is not listed
  'duplicate-control', // a control is listed twice (the first entry counts)
  'unknown-control', // an id that names no Annex A 2022 control
  'control-id-not-a-string', // `id: 8.10` unquoted: YAML reads the number 8.1
  'invalid-control-entry', // a `controls:` item that is not a mapping
  'unknown-key', // a key the SoA format does not define (often a typo)
  'missing-field', // a required field is absent
  'invalid-field', // a field has the wrong type or form
  'exclusion-without-justification', // applicable: false needs a justification (clause 6.1.3 d)
  'missing-status', // an applicable control needs a status
  'implemented-without-risk', // implemented or partial, but no risk names why the control is there
  'missing-treatment', // planned or not-implemented needs a treatment plan (clause 6.1.3 e)
  'unknown-risk', // a risk id not in the risk register
  'placeholder', // a value still holds the template's TODO text
] as const;
export type SoaProblemCode = (typeof SOA_PROBLEM_CODES)[number];
