import type { SoaProblem } from './soa-model.js';

/** For people: one line per problem, `soa.yaml:12: 8.5: implemented control names no risk (add risks: [R-..])`. */
export function formatSoaProblems(problems: readonly SoaProblem[]): string {
  return problems
    .map((problem) => {
      const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
      return problem.control === undefined
        ? `${where}: ${problem.message}`
        : `${where}: ${problem.control}: ${problem.message}`;
    })
    .join('\n');
}
