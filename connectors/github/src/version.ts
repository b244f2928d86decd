import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** This package's version, for the user agent. package.json sits one level above both src/ and dist/. */
export const CONNECTOR_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;
