import { isRegionCode } from '../core/ids/regions.ts';
import { parseResidentId } from '../core/ids/resident-id.ts';
import { validateUscc } from '../core/ids/uscc.ts';
import { isFormulaLike } from './formula.ts';
import { type TIssueCode, type TText, text } from './issues.ts';

/** A cell as a reader hands it over: CSV gives strings, XLSX typed values. */
export type TCell = string | number | boolean | Date | null;

export type TParsed<T> =
  | { ok: true; value: T; notice?: { problem: TText; expected: TText } }
  | { ok: false; problem: TText; expected: TText; code?: TIssueCode };

export type TParseContext = {
  /** The day the file is checked, `YYYY-MM-DD`; dates are allowed up to one year after it. */
  today: string;
};

/** Parses one non-empty cell of a column. Empty cells never reach a parser. */
export type TValueParser<T> = (cell: Exclude<TCell, null>, context: TParseContext) => TParsed<T>;

const ok = <T>(value: T): TParsed<T> => ({ ok: true, value });
const fail = <T>(problem: TText, expected: TText, code?: TIssueCode): TParsed<T> =>
  code ? { ok: false, problem, expected, code } : { ok: false, problem, expected };

/** Whether a cell counts as empty (absent, or only white space). */
export function isEmptyCell(cell: TCell | undefined): boolean {
  return cell == null || (typeof cell === 'string' && cell.trim() === '');
}

/** The cell as text, as a user would see it in the spreadsheet. */
export function cellText(cell: Exclude<TCell, null>): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const FORMULA_EXPECTED = text(
  '不以 = + - @ 开头的文本（如确需，请在前面加一个空格以外的文字）',
  'text not starting with = + - @ (such cells run as formulas when the file is opened in a spreadsheet)',
);

/** Free text: refused when it would run as a formula in a spreadsheet. */
export const parseText: TValueParser<string> = (cell) => {
  const value = cellText(cell);
  if (typeof cell === 'string' && isFormulaLike(value)) {
    return fail(
      text('以公式字符开头，可能是公式注入', 'starts with a formula character'),
      FORMULA_EXPECTED,
      'formula',
    );
  }
  return ok(value);
};

/** Phone numbers may start with `+` (country code) but hold nothing a spreadsheet would evaluate. */
export const parsePhone: TValueParser<string> = (cell) => {
  const value = cellText(cell);
  if (/^\+?[\d\s\-()（）#,，;；/、转]+$/.test(value) && /\d/.test(value)) return ok(value);
  return fail(
    text('不是电话号码', 'not a phone number'),
    text('数字、空格、- ( ) # 、 转，可以 + 开头', 'digits, spaces, - ( ) # and an optional leading +'),
  );
};

/** A code (organ code, record key, reference): text without spaces or formula characters. */
export const parseCode: TValueParser<string> = (cell) => {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return numberLostDigits();
  const value = cellText(cell);
  if (isFormulaLike(value)) {
    return fail(
      text('以公式字符开头，可能是公式注入', 'starts with a formula character'),
      FORMULA_EXPECTED,
      'formula',
    );
  }
  if (/\s/.test(value) || value.length > 64) {
    return fail(
      text('不是有效的代码', 'not a valid code'),
      text('不含空格、最长 64 个字符', 'no spaces, at most 64 characters'),
    );
  }
  return ok(value);
};

function numberLostDigits<T>(): TParsed<T> {
  return fail(
    text(
      '单元格是数字格式，长代码的末几位已丢失',
      'the cell is a number, so the last digits of a long code were lost',
    ),
    text('把该列设为文本格式后重新填写', 'format the column as text and enter the code again'),
  );
}

/** Unified social credit code: full check including the registrar region. Lower case is refused. */
export const parseUscc: TValueParser<string> = (cell) => {
  if (typeof cell === 'number') return numberLostDigits();
  const value = cellText(cell);
  const result = validateUscc(value, { isRegionCode });
  if (result.valid) return ok(result.code);
  const expected = text(
    '18 位统一社会信用代码（大写字母和数字，两个校验位正确）',
    '18-character unified social credit code (upper case, both check characters right)',
  );
  switch (result.problem) {
    case 'lowercase':
      return fail(
        text('含小写字母，统一社会信用代码必须大写', 'contains lower case; a USCC must be upper case'),
        expected,
      );
    case 'length':
      return fail(
        text(`长度为 ${value.length}，应为 18 位`, `has ${value.length} characters, not 18`),
        expected,
      );
    case 'alphabet':
      return fail(
        text(
          '含不允许的字符（不用 I O Z S V）',
          'contains a character outside the USCC alphabet (no I O Z S V)',
        ),
        expected,
      );
    case 'organisation_check':
      return fail(
        text(
          `组织机构代码校验位（第 17 位）应为 ${result.expected}`,
          `organisation-code check (position 17) should be ${result.expected}`,
        ),
        expected,
      );
    case 'check_character':
      return fail(
        text(
          `校验位（第 18 位）应为 ${result.expected}`,
          `check character (position 18) should be ${result.expected}`,
        ),
        expected,
      );
    case 'region':
      return fail(
        text(
          `第 3–8 位 ${result.code.slice(2, 8)} 不是行政区划代码`,
          `positions 3–8 (${result.code.slice(2, 8)}) are not a region code`,
        ),
        expected,
      );
    default:
      return assertNever(result.problem);
  }
};

/** GB/T 2260 region code; `100000` stands for the whole country. */
export const parseRegionCode: TValueParser<string> = (cell) => {
  const value = cellText(cell);
  if (value === '100000' || isRegionCode(value)) return ok(value);
  return fail(
    text('不是行政区划代码', 'not a region code'),
    text(
      '6 位 GB/T 2260 行政区划代码，全国性组织填 100000',
      '6-digit GB/T 2260 region code, 100000 for national',
    ),
  );
};

/**
 * Resident ID: checked and normalised to 18 characters. A legacy 15-digit number is upgraded and the
 * upgrade reported as a notice. Only the masked form ever appears in a message.
 */
export function parseResidentIdCell(cell: Exclude<TCell, null>, context: TParseContext): TParsed<string> {
  if (typeof cell === 'number') return numberLostDigits();
  const result = parseResidentId(cellText(cell), { today: context.today });
  const expected = text(
    '18 位公民身份号码（校验位正确）或 15 位旧号码',
    '18-character resident ID with a correct check character, or a legacy 15-digit number',
  );
  if (!result.valid) {
    switch (result.problem) {
      case 'format':
        return fail(text('格式不对', 'wrong format'), expected);
      case 'check_character':
        return fail(text('校验位不对', 'wrong check character'), expected);
      case 'date':
        return fail(text('出生日期不存在', 'the birth date in it does not exist'), expected);
      case 'future_date':
        return fail(text('出生日期在将来', 'the birth date in it is in the future'), expected);
      case 'region':
        return fail(text('地址码不是行政区划代码', 'its first six digits are not a region code'), expected);
      default:
        return assertNever(result.problem);
    }
  }
  if (result.upgradedFrom15) {
    return {
      ok: true,
      value: result.id,
      notice: {
        problem: text('15 位旧号码已升级为 18 位', 'legacy 15-digit number upgraded to 18 characters'),
        expected: text('18 位公民身份号码', '18-character resident ID'),
      },
    };
  }
  return ok(result.id);
}

const DATE_EXPECTED = text(
  '日期，如 2024-03-01、2024/3/1 或 2024年3月1日',
  'a date such as 2024-03-01, 2024/3/1 or 2024年3月1日',
);

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    month >= 1 &&
    month <= 12 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** The last day a date may fall on: one year after `today`. */
export function latestAllowedDate(today: string): string {
  return `${String(Number(today.slice(0, 4)) + 1).padStart(4, '0')}${today.slice(4)}`;
}

/**
 * Dates as offices write them: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY年M月D日`, or an Excel date cell.
 * Dates before 1900 or more than a year ahead are refused as typing errors.
 */
export const parseDate: TValueParser<string> = (cell, context) => {
  let iso: string | null = null;
  if (cell instanceof Date) {
    if (!Number.isNaN(cell.getTime())) iso = cell.toISOString().slice(0, 10);
  } else if (typeof cell === 'string') {
    const match = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(
      cell.trim(),
    );
    if (match) {
      const year = Number(match[1]);
      const month = Number(match[2] ?? match[4] ?? match[6]);
      const day = Number(match[3] ?? match[5] ?? match[7]);
      if (isRealDate(year, month, day)) {
        iso = `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      } else {
        return fail(text('日期不存在', 'no such date'), DATE_EXPECTED);
      }
    }
  }
  if (iso === null) return fail(text('不是日期', 'not a date'), DATE_EXPECTED);
  const latest = latestAllowedDate(context.today);
  if (iso < '1900-01-01' || iso > latest) {
    return fail(
      text('日期超出范围', 'date out of range'),
      text(`1900-01-01 至 ${latest} 之间的日期`, `a date between 1900-01-01 and ${latest}`),
      'date_range',
    );
  }
  return ok(iso);
};

const BOOLEANS = new Map<string, boolean>([
  ['是', true],
  ['否', false],
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
]);

/** Booleans: 是/否, true/false, 1/0 (and XLSX boolean cells). */
export const parseBoolean: TValueParser<boolean> = (cell) => {
  if (typeof cell === 'boolean') return ok(cell);
  const value = BOOLEANS.get(cellText(cell).toLowerCase());
  if (value !== undefined) return ok(value);
  return fail(
    text('不是“是”或“否”', 'not a yes/no value'),
    text('是/否、true/false 或 1/0', '是/否, true/false or 1/0'),
  );
};

/** Whole numbers from `min` up. */
export function integerParser(min: number): TValueParser<number> {
  return (cell) => {
    const raw = cellText(cell);
    const value = typeof cell === 'number' ? cell : /^-?\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isInteger(value) && value >= min && value <= 2_000_000_000) return ok(value);
    return fail(
      text('不是有效的整数', 'not a valid whole number'),
      text(`不小于 ${min} 的整数`, `a whole number of at least ${min}`),
    );
  };
}

/** One accepted value of an enumeration with its Chinese labels (the first is the canonical one). */
export type TEnumValue<T extends string> = { value: T; zh: string[] };

/** Enumerations accept the English value (any case) and the Chinese labels. */
export function enumParser<T extends string>(values: readonly TEnumValue<T>[]): TValueParser<T> {
  const lookup = new Map<string, T>();
  for (const entry of values) {
    lookup.set(entry.value.toLowerCase(), entry.value);
    for (const label of entry.zh) lookup.set(label, entry.value);
  }
  const listZh = values.map((v) => v.zh[0]).join('、');
  const listEn = values.map((v) => v.value).join(', ');
  return (cell) => {
    const raw = cellText(cell);
    const value = lookup.get(raw.toLowerCase());
    if (value !== undefined) return ok(value);
    if (isFormulaLike(raw)) {
      return fail(
        text('以公式字符开头，可能是公式注入', 'starts with a formula character'),
        FORMULA_EXPECTED,
        'formula',
      );
    }
    return fail(
      text('不是允许的取值', 'not one of the accepted values'),
      text(`以下之一：${listZh}`, `one of: ${listEn}`),
    );
  };
}

/** For exhaustive switches: a new case that is not handled breaks the build here. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

const DECIMAL = /^\d{1,15}(?:\.\d{1,6})?$/;

/** Amounts (yuan): a number from `min` up with at most six decimals; thousands separators are allowed. */
export function decimalParser(min: number): TValueParser<number> {
  return (cell) => {
    const raw = cellText(cell).replace(/[,，]/g, '');
    const value = typeof cell === 'number' ? cell : DECIMAL.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isFinite(value) && value >= min && value < 1e15) return ok(value);
    return fail(
      text('不是有效的金额或数值', 'not a valid amount'),
      text(
        `不小于 ${min} 的数值，如 12000 或 12000.50`,
        `a number of at least ${min}, e.g. 12000 or 12000.50`,
      ),
    );
  };
}

/** A calendar year of the records, 1949 to 2200 (as the fact tables allow). */
export const parseYear: TValueParser<number> = (cell) => {
  const raw = cellText(cell).replace(/年$/, '');
  const value = typeof cell === 'number' ? cell : /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isInteger(value) && value >= 1949 && value <= 2200) return ok(value);
  return fail(
    text('不是有效的年度', 'not a valid year'),
    text('1949 至 2200 之间的四位年份', 'a year from 1949 to 2200'),
  );
};

/**
 * Fee tiers (yuan): amounts separated by `;`, `；`, `、` or `/`, e.g. `2000;5000;10000`. Commas are
 * not separators, since amounts may be written with thousands separators.
 */
export const parseTiers: TValueParser<number[]> = (cell) => {
  const parts = (typeof cell === 'number' ? String(cell) : cellText(cell))
    .split(/[;；、/]/)
    .map((p) => p.trim().replace(/[,，]/g, ''))
    .filter((p) => p !== '');
  if (parts.length > 0 && parts.every((p) => DECIMAL.test(p))) return ok(parts.map(Number));
  return fail(
    text('不是以分号分隔的金额列表', 'not a list of amounts separated by semicolons'),
    text(
      '以分号分隔的非负金额，如 2000;5000;10000',
      'amounts ≥ 0 separated by semicolons, e.g. 2000;5000;10000',
    ),
  );
};

/**
 * Bank account numbers as offices write them: digits, often grouped by spaces or hyphens
 * (`6222 0200 …`). Kept as written; rules compare them without the separators.
 */
export const parseBankAccount: TValueParser<string> = (cell) => {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return numberLostDigits();
  const value = cellText(cell);
  const digits = value.replace(/[\s-]/g, '');
  if (/^[\d\s-]+$/.test(value) && digits.length >= 6 && digits.length <= 40) return ok(value);
  return fail(
    text('不是银行账号', 'not a bank account number'),
    text('6 至 40 位数字，可用空格或连字符分组', '6 to 40 digits, optionally grouped by spaces or hyphens'),
  );
};
