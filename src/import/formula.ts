/**
 * Formula injection (CSV injection): a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage
 * return followed by one) runs as a formula when the file is opened in a spreadsheet, e.g.
 * `=cmd|' /C calc'!A0`. Imports refuse such text; exports neutralise it.
 */

const FORMULA_START = /^[\t\r]*[=+\-@＝＋－＠]/;

/** Whether a text value would be taken for a formula by a spreadsheet. */
export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value);
}

/**
 * Makes a value safe to put in an exported CSV or XLSX cell: text a spreadsheet would evaluate gets a
 * leading apostrophe, which spreadsheets show as plain text. Other values pass through unchanged.
 */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && isFormulaLike(value) ? `'${value}` : value;
}
