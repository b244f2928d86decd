import { sha256Id } from '../evidence/canonical-json.js';
import { readUserFile } from '../yaml/read-user-file.js';
import { loadRiskRegister } from './risk-register.js';
import type { Soa } from './soa-model.js';
import { parseSoaText } from './soa-parse.js';

/**
 * Reads soa.yaml (and the risk register when given) from disk. The Soa's id is the SHA-256 of the file's
 * bytes, so it names exactly the file that was in force, byte order mark and line endings included.
 */
export async function loadSoa(file: string, options: { risksFile?: string } = {}): Promise<Soa> {
  const { bytes, text } = await readUserFile(
    file,
    'soa-invalid',
    'run `annexa init` or check `soa:` in annexa.yaml',
  );
  const risks = options.risksFile === undefined ? undefined : await loadRiskRegister(options.risksFile);
  return parseSoaText(text, file, sha256Id(bytes), risks === undefined ? {} : { risks });
}
