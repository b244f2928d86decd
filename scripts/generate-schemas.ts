// Regenerates the committed JSON Schemas under schemas/ from the zod schemas in core.
import { writeFileSync } from 'node:fs';
import { publishedSchemas } from '@annexa/core';

for (const [file, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(new URL(`../schemas/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${file}`);
}
