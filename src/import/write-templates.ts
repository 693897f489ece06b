/**
 * Writes the downloadable import templates to `templates/` and the format reference to
 * `docs/formats.md`: `npx tsx src/import/write-templates.ts`. Run it after changing a file format and
 * commit the result.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IMPORT_KINDS } from './formats.ts';
import { formatsReference } from './reference.ts';
import { buildTemplate } from './templates.ts';

const folder = fileURLToPath(new URL('../../templates/', import.meta.url));
await mkdir(folder, { recursive: true });
for (const kind of IMPORT_KINDS) {
  for (const format of ['csv', 'xlsx'] as const) {
    await writeFile(`${folder}${kind}.${format}`, await buildTemplate(kind, format));
  }
}
await writeFile(fileURLToPath(new URL('../../docs/formats.md', import.meta.url)), formatsReference());
console.log('templates and docs/formats.md written');
