import { maskResidentId } from '../core/ids/resident-id.ts';

/** A sentence in both languages of the platform. */
export type TText = { zh: string; en: string };

export type TIssueCode =
  | 'not_spreadsheet'
  | 'malformed_file'
  | 'encoding'
  | 'file_too_large'
  | 'empty_file'
  | 'unknown_kind'
  | 'missing_column'
  | 'unknown_column'
  | 'duplicate_column'
  | 'too_many_columns'
  | 'cell_too_long'
  | 'required'
  | 'invalid_value'
  | 'formula'
  | 'date_range'
  | 'inconsistent'
  | 'duplicate_key'
  | 'unknown_reference'
  | 'too_many_errors'
  | 'resident_id_upgraded';

/**
 * One finding about an imported file. `row` counts as a spreadsheet user does (the header is row 1);
 * `column` is the header as written in the file. Errors stop the file from landing; notices do not.
 */
export type TImportIssue = {
  severity: 'error' | 'notice';
  file: string;
  /** Worksheet name, for XLSX files. */
  sheet: string | null;
  row: number | null;
  column: string | null;
  /** The offending value as shown to the user; resident IDs always masked. */
  value: string | null;
  code: TIssueCode;
  problem: TText;
  expected: TText;
};

export const MAX_ERRORS = 1_000;

/** How a value appears in a report: resident IDs masked, long values shortened. */
export function displayValue(value: string, personal: boolean): string {
  if (personal) return value.length >= 8 ? maskResidentId(value) : '*'.repeat(value.length);
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

export const text = (zh: string, en: string): TText => ({ zh, en });

/** Thrown to end reading a file early: a broken file or too many errors. */
export class StopReading extends Error {
  constructor(readonly issue: TImportIssue | null) {
    super(issue ? issue.problem.en : 'stopped');
  }
}
