import { InputError, type InputProblem } from '../errors/errors.js';
import { readUserFile } from '../yaml/read-user-file.js';
import { parseYamlSource } from '../yaml/yaml-source.js';
import { zodIssuesToProblems } from '../yaml/zod-problems.js';
import { type RiskRegister, riskRegisterSchema } from './soa-model.js';

/**
 * Parses risks.yaml (`risks: [{ id, title, owner? }]`). Every problem, duplicate ids included, is reported
 * at once in one InputError `risks-invalid` naming file, line and field.
 */
export function parseRiskRegister(text: string, file: string): RiskRegister {
  const source = parseYamlSource(text, file, 'risks-invalid');
  const parsed = riskRegisterSchema.safeParse(source.value);
  if (!parsed.success) {
    throw new InputError(
      'risks-invalid',
      zodIssuesToProblems(parsed.error.issues, source, { input: source.value }),
    );
  }
  const problems: InputProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const [index, risk] of parsed.data.risks.entries()) {
    const { line, column } = source.locate(['risks', index, 'id']);
    const seenAt = firstLine.get(risk.id);
    if (seenAt === undefined) firstLine.set(risk.id, line);
    else
      problems.push({
        location: { file, line, column },
        path: `risks[${index}].id`,
        message: `risk id "${risk.id}" is used twice (first at line ${seenAt}): ids must be unique`,
      });
  }
  if (problems.length > 0) throw new InputError('risks-invalid', problems);
  return parsed.data;
}

export async function loadRiskRegister(file: string): Promise<RiskRegister> {
  const { text } = await readUserFile(file, 'risks-invalid', 'check `risks:` in annexa.yaml');
  return parseRiskRegister(text, file);
}
