import { type TIssueCode, type TText, text } from './issues.ts';
import { enumParser, type TEnumValue, type TValueParser } from './values.ts';

/**
 * The building blocks of file formats: a column's definition, the row a format builds a record from,
 * the problems it reports, and the shared value descriptions and examples.
 */

export type TColumn = {
  /** The English header, also the column's key. */
  key: string;
  /** The Chinese header, as templates write it. */
  zh: string;
  /** Further headers accepted for the column. */
  aliases?: string[];
  required: boolean;
  /** Holds a personal identifier: masked wherever it is shown. */
  personal?: boolean;
  parse: TValueParser<unknown>;
  /** What the column holds, for the documentation and the `--help` text. */
  format: TText;
  /** Accepted values of an enumeration, for the documentation. */
  accepted?: readonly TEnumValue<string>[];
  /** A value for the template's example row. */
  example: string;
};

/** Parsed values of one row by column key; absent keys were empty. */
export type TRowValues = Map<string, unknown>;

/** A problem found by looking at several cells of a row together. */
export type TRowProblem = { column: string; problem: TText; expected: TText; code?: TIssueCode };

export type TBuilt<R> = { record: R; problems: TRowProblem[] };

/** A reference from a row to a record that must exist: in the registry or earlier in the import. */
export type TReference = { target: 'association' | 'organ'; key: string; column: string };

/** One kind of file: its columns, how a row becomes a record, its natural key and its references. */
export type TFormatOf<K extends string, R> = {
  kind: K;
  title: TText;
  columns: TColumn[];
  /** Builds the plain record from parsed values and checks the cells against each other. */
  build(values: TRowValues): TBuilt<R>;
  /** The columns of the natural key, and the key of a record: two rows with one key are an error. */
  keyColumns: string[];
  naturalKey(record: R): string;
  references(record: R): TReference[];
};

export const str = (values: TRowValues, key: string) => values.get(key) as string | undefined;
export const opt = <T>(values: TRowValues, key: string) => (values.get(key) as T | undefined) ?? null;

export function endNotBeforeStart(
  problems: TRowProblem[],
  start: string | null,
  end: string | null,
  endColumn: string,
  startLabel: TText,
) {
  if (start && end && end < start) {
    problems.push({
      column: endColumn,
      problem: text(`早于${startLabel.zh} ${start}`, `is before the ${startLabel.en} ${start}`),
      expected: text(`不早于${startLabel.zh}的日期`, `a date on or after the ${startLabel.en}`),
      code: 'date_range',
    });
  }
}

export const F = {
  text: text('文本', 'text'),
  code: text('代码（不含空格）', 'code (no spaces)'),
  uscc: text('18 位统一社会信用代码，大写', '18-character unified social credit code, upper case'),
  region: text('6 位行政区划代码，全国性填 100000', '6-digit GB/T 2260 region code, 100000 for national'),
  date: text(
    '日期：2024-03-01、2024/3/1、2024年3月1日或 Excel 日期',
    'date: 2024-03-01, 2024/3/1, 2024年3月1日 or an Excel date',
  ),
  bool: text('是/否、true/false、1/0', 'yes/no: 是/否, true/false, 1/0'),
  phone: text('电话号码', 'phone number'),
  bankAccount: text('银行账号（数字，可用空格分组）', 'bank account number (digits, spaces allowed)'),
  residentId: text(
    '18 位公民身份号码或 15 位旧号码（将升级为 18 位）',
    '18-character resident ID or legacy 15 digits (upgraded)',
  ),
  enumeration: text('下列取值之一', 'one of the accepted values'),
  count: text('非负整数', 'whole number ≥ 0'),
  term: text('正整数', 'whole number ≥ 1'),
};

export const EXAMPLE_USCC = '51100000MJ0000018U';
export const EXAMPLE_ORGAN = '11100000000013127D';

export function column(
  key: string,
  zh: string,
  parse: TValueParser<unknown>,
  format: TText,
  example: string,
  options: {
    required?: boolean;
    aliases?: string[];
    personal?: boolean;
    accepted?: readonly TEnumValue<string>[];
  } = {},
): TColumn {
  return {
    key,
    zh,
    parse,
    format,
    example,
    required: options.required ?? false,
    ...(options.aliases ? { aliases: options.aliases } : {}),
    ...(options.personal ? { personal: true } : {}),
    ...(options.accepted ? { accepted: options.accepted } : {}),
  };
}

export function enumColumn<T extends string>(
  key: string,
  zh: string,
  values: TEnumValue<T>[],
  example: string,
  options: { required?: boolean; aliases?: string[] } = {},
): TColumn {
  return column(key, zh, enumParser(values), F.enumeration, example, { ...options, accepted: values });
}
