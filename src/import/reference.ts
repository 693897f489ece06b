import { FORMATS, IMPORT_KINDS, REGISTRY_KINDS } from './formats.ts';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './importer.ts';
import { MAX_ERRORS } from './issues.ts';
import { DEFAULT_MAX_BYTES } from './read.ts';

const escapeCell = (value: string) => value.replaceAll('|', '\\|');

/** The reference of every file kind and column, as Markdown, written to `docs/formats.md`. */
export function formatsReference(): string {
  const parts: string[] = [
    '# Import file formats',
    '',
    '<!-- Generated from src/import/formats.ts by `npx tsx src/import/write-templates.ts`; edit there. -->',
    '',
    `\`tuogou import <file|folder>\` reads spreadsheets of ${IMPORT_KINDS.length} kinds: the registry (${REGISTRY_KINDS.join(', ')})`,
    'and the policy facts the rules read (decoupling cases, functions, finance, people, party, fees and dues,',
    'reports, credit history, approvals of posts). Templates with Chinese headers and one example row are in',
    '`templates/` (`tuogou import --template <kind> --out <file.xlsx|file.csv>`). `tuogou screen <folder>`',
    'reads the same files. The contact data that INST-4 compares between organs and associations (address,',
    'phone, bank account) are columns of the organs and associations files. The fact formats are defined in',
    '`src/import/fact-formats.ts`.',
    '',
    '## Files',
    '',
    '- **CSV**: comma-separated, double quotes around cells that hold commas, quotes or line breaks. The',
    '  encoding is detected, never asked: a byte-order mark means UTF-8; otherwise valid UTF-8 is read as',
    '  UTF-8 and anything else as GB18030 (which includes GBK and GB2312). UTF-16 and bytes that decode in',
    '  neither encoding are refused.',
    "- **XLSX**: every non-empty worksheet is a table of its own, read in workbook order; each sheet's",
    '  header row gives its kind. Date cells, number cells and boolean cells are understood. Formula cells',
    '  are refused (paste values instead). Old `.xls` files are refused: save them as `.xlsx`.',
    '- The first non-empty row is the header. Headers may be English or Chinese (and a few aliases); case,',
    '  spaces, a `*` and a trailing note in brackets are ignored. Empty rows are skipped.',
    '- The kind of file is recognised from its header row; `--kind` forces it.',
    `- Limits: ${Math.round(DEFAULT_MAX_BYTES / 1024 / 1024)} MB a file (\`--max-mb\` changes it), ${MAX_COLUMNS} columns a row, ${MAX_CELL_CHARS.toLocaleString('en')} characters a cell.`,
    '',
    '## Values',
    '',
    '- **Dates**: `2024-03-01`, `2024/3/1`, `2024年3月1日` or an Excel date cell; from 1900-01-01 to one year',
    '  after the day of the import. An end date may not be before its start date.',
    '- **Yes/no**: `是`/`否`, `true`/`false`, `1`/`0`.',
    '- **Enumerations**: the English value (any case) or one of the Chinese labels listed below.',
    '- **USCC** (统一社会信用代码): 18 characters, upper case, both check characters right, positions 3–8 a',
    '  GB/T 2260 region code. Lower case is refused, not corrected. Format such columns as text in Excel.',
    '- **Resident ID** (身份证号): 18 characters with a correct check character, or a legacy 15-digit number,',
    '  which is upgraded to 18 and reported as a notice. Birth date and sex follow from the ID; cells that',
    '  contradict it are an error. IDs are stored only as keyed hash, ciphertext and masked form, and only',
    '  the masked form (`110***********002X`) ever appears in a report.',
    '- **Text** may not start with `=`, `+`, `-` or `@`: a spreadsheet would run it as a formula',
    '  (formula injection). Phone numbers may start with `+`.',
    '- An empty cell means unknown.',
    '',
  ];
  for (const kind of IMPORT_KINDS) {
    const format = FORMATS[kind];
    parts.push(`## ${kind} — ${format.title.zh}`, '', format.title.en, '');
    parts.push(
      '| header | 表头 | required | format | example | accepted values |',
      '|---|---|---|---|---|---|',
    );
    for (const column of format.columns) {
      const names = [column.key, ...(column.aliases ?? []).filter((a) => /^[a-z_]+$/.test(a))].join(', ');
      const zh = [column.zh, ...(column.aliases ?? []).filter((a) => !/^[a-z_]+$/.test(a))].join('、');
      const accepted = column.accepted
        ? column.accepted.map((v) => `\`${v.value}\` ${v.zh.join('/')}`).join('; ')
        : '';
      parts.push(
        `| \`${names}\` | ${zh} | ${column.required ? 'yes' : ''} | ${escapeCell(column.format.en)} | ${escapeCell(column.example)} | ${escapeCell(accepted)} |`,
      );
    }
    parts.push(
      '',
      `Natural key (two rows with one key are an error): ${format.keyColumns.map((k) => `\`${k}\``).join(' + ')}.`,
      '',
    );
  }
  parts.push(
    '## References',
    '',
    '- `links.organ_code`, `posts.recommended_by_organ_code`, `rosters.organ_code`, `organs.parent_code`,',
    '  `functions.handed_over_by_organ_code`, `functions.tied_approval_organ_code` and',
    '  `finance_years.office_organ_code` name organs; every `association_uscc` names an association. Each',
    '  must be in the registry already, or come earlier in the same import (a parent organ may come later in',
    '  the same organs file). Otherwise the row is an error.',
    '- `post_approvals` rows name a post: the association, the holder (by resident ID, or else by name and',
    '  birth date), the role and the start date must match exactly one post of the registry. A dry run of a',
    '  folder does not check this (the posts it would import are not written).',
    '- Fact rows are keyed by the association and the key column of their kind (a case number, a document',
    '  number, a year); importing a row again with other values updates it. A decoupling case imported for',
    '  the first time takes the workflow state its dates imply (decoupled, blocked, executing or listed);',
    '  the state of a case already in the system is left to the case workflow.',
    `- A folder is imported in dependency order: ${IMPORT_KINDS.join(', ')}. When a file`,
    '  fails, a later file that refers to its records gets an error naming it.',
    '',
    '## All or nothing',
    '',
    'Each file is read, checked and written in batches inside one transaction, together with one',
    '`import_runs` row and one audit event (`import.<kind>`, with the file name, its SHA-256 and the counts)',
    'per table. Any error rolls the whole file back: the database is unchanged. Re-importing a file changes',
    'nothing; the summary reports rows inserted, updated and unchanged. `--dry-run` checks everything and',
    'writes nothing.',
    '',
    '## Error report',
    '',
    `Every problem names the file, the sheet (XLSX), the row as a spreadsheet counts it (the header is row 1),`,
    'the column as its header is written in the file, the value (resident IDs masked), the problem and what',
    'was expected, in Chinese and English. The report is printed as a table (`--lang zh|en`) and written',
    'with `--errors <file>` as CSV (UTF-8 with BOM; columns `severity, file, sheet, row, column, value, code,',
    '问题, 应为, problem, expected`) or, for a `.json` name, as a JSON array of objects with the same fields',
    `(\`problem\` and \`expected\` as \`{ zh, en }\`). Collection stops after ${MAX_ERRORS.toLocaleString('en')} errors with a note.`,
    'The exit code is 1 when any file was not imported.',
    '',
    '| code | meaning |',
    '|---|---|',
    '| `not_spreadsheet` | not a CSV or XLSX file (or an old .xls) |',
    '| `malformed_file` | damaged or truncated workbook, unterminated CSV quote, or refused by the database |',
    '| `encoding` | bytes that decode neither as UTF-8 nor as GB18030, or UTF-16 |',
    '| `file_too_large` | over the size limit |',
    '| `empty_file` | no header or no data |',
    '| `unknown_kind` | the header row matches no kind of file |',
    '| `missing_column` / `unknown_column` / `duplicate_column` | header problems |',
    '| `too_many_columns` / `cell_too_long` | over the row or cell limits |',
    '| `required` | a required cell is empty |',
    '| `invalid_value` | a cell that does not parse (check characters, enumerations, dates …) |',
    '| `formula` | text that a spreadsheet would run as a formula |',
    '| `date_range` | a date before 1900, more than a year ahead, or an end before its start |',
    '| `inconsistent` | cells that contradict each other (e.g. birth date and resident ID) |',
    '| `duplicate_key` | the same natural key twice in the file (both rows named) |',
    '| `unknown_reference` | an association or organ found neither in the registry nor in the import |',
    '| `too_many_errors` | the error limit was reached |',
    '| `resident_id_upgraded` | notice: a 15-digit ID was upgraded to 18 |',
    '',
  );
  return parts.join('\n');
}
