import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEvidence, EVIDENCE_TYPE_SPECS, type TEvidenceType } from './evidence.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

/** Leading bytes of a real file of each type. */
const HEADS: Record<TEvidenceType, Uint8Array> = {
  pdf: bytes('%PDF-1.7\n', [0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0]),
  docx: bytes(
    [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0],
    '[Content_Types].xml',
    [0, 0],
    'PK',
    'word/document.xml',
  ),
  xlsx: bytes(
    [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0],
    '[Content_Types].xml',
    [0, 0],
    'PK',
    'xl/workbook.xml',
  ),
  txt: bytes('脱钩工作情况说明\n协会已完成机构分离。\n'),
  csv: bytes([0xef, 0xbb, 0xbf], '姓名,职务,社保\n张三,秘书长,是\n'),
};

const NAMES: Record<TEvidenceType, string> = {
  pdf: '方案.pdf',
  png: '截图.PNG',
  jpeg: '照片.jpeg',
  docx: '章程.docx',
  xlsx: '资产清查.xlsx',
  txt: '说明.txt',
  csv: '名册.csv',
};

const check = (type: TEvidenceType, overrides: Partial<Parameters<typeof checkEvidence>[0]> = {}) =>
  checkEvidence({
    declaredType: EVIDENCE_TYPE_SPECS[type].mimeType,
    fileName: NAMES[type],
    size: HEADS[type].length,
    head: HEADS[type],
    ...overrides,
  });

const codeOf = (result: ReturnType<typeof checkEvidence>) => (result.ok ? 'ok' : result.refusal.code);

describe('checkEvidence', () => {
  it('accepts a file of each type whose content matches its declared type', () => {
    for (const type of Object.keys(HEADS) as TEvidenceType[]) {
      expect(check(type)).toEqual({ ok: true, type, mimeType: EVIDENCE_TYPE_SPECS[type].mimeType });
    }
  });

  it('refuses every mismatch between declared type and content', () => {
    for (const declared of Object.keys(HEADS) as TEvidenceType[]) {
      for (const actual of Object.keys(HEADS) as TEvidenceType[]) {
        if (declared === actual) continue;
        // Text declared as text is judged by encoding; plain text and CSV are both UTF-8 text.
        if ((declared === 'txt' || declared === 'csv') && (actual === 'txt' || actual === 'csv')) continue;
        const result = check(declared, { head: HEADS[actual], size: HEADS[actual].length });
        expect({ declared, actual, code: codeOf(result) }).toEqual({
          declared,
          actual,
          code: 'content_mismatch',
        });
      }
    }
  });

  it('names the file and what its content really is', () => {
    const result = check('pdf', { head: HEADS.png });
    expect(result.ok ? 'ok' : result.refusal).toEqual({
      code: 'content_mismatch',
      zh: '文件“方案.pdf”声明为PDF 文档，但内容是PNG 图片。',
      en: 'File "方案.pdf" is declared as a PDF document, but its content is a PNG image.',
    });
  });

  it('tells a Word document from a workbook when the zip names its parts, and accepts a bare zip head for either', () => {
    expect(codeOf(check('xlsx', { fileName: 'a.xlsx', head: HEADS.docx }))).toBe('content_mismatch');
    expect(codeOf(check('docx', { fileName: 'a.docx', head: HEADS.xlsx }))).toBe('content_mismatch');
    const bareZip = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]);
    expect(codeOf(check('docx', { head: bareZip }))).toBe('ok');
    expect(codeOf(check('xlsx', { head: bareZip }))).toBe('ok');
  });

  it('refuses text in GB18030 or with NUL bytes, saying where the problem starts', () => {
    const gb = bytes('ok,', [0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GB18030
    const result = check('csv', { head: gb, size: gb.length });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'not_utf8',
      zh: expect.stringContaining('第 4 个字节'),
    });
    expect(codeOf(check('txt', { head: bytes('a', [0], 'b'), size: 3 }))).toBe('not_utf8');
    // Overlong encodings and surrogates are not UTF-8 either.
    expect(codeOf(check('txt', { head: bytes([0xc0, 0xaf]), size: 2 }))).toBe('not_utf8');
    expect(codeOf(check('txt', { head: bytes([0xed, 0xa0, 0x80]), size: 3 }))).toBe('not_utf8');
  });

  it('accepts a character cut at the end of the head only when the file goes on', () => {
    const cut = bytes('协会', [0xe5, 0x8d]); // the first two bytes of 协
    expect(codeOf(check('txt', { head: cut, size: 4096 }))).toBe('ok');
    expect(codeOf(check('txt', { head: cut, size: cut.length }))).toBe('not_utf8');
  });

  it('refuses text that is really a PDF', () => {
    expect(codeOf(check('txt', { fileName: 'a.txt', head: HEADS.pdf }))).toBe('content_mismatch');
  });

  it('accepts a file at the size limit and refuses one byte more, naming both sizes', () => {
    const limit = EVIDENCE_TYPE_SPECS.png.maxBytes;
    expect(codeOf(check('png', { size: limit }))).toBe('ok');
    const result = check('png', { size: limit + 1 });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'too_large',
      zh: expect.stringContaining('超过上限 10 MB'),
      en: expect.stringContaining('截图.PNG'),
    });
  });

  it('applies a lower limit given by the checklist item', () => {
    expect(codeOf(check('pdf', { size: 2048, maxBytes: 2048 }))).toBe('ok');
    expect(codeOf(check('pdf', { size: 2049, maxBytes: 2048 }))).toBe('too_large');
    // A higher limit than the type's own does not raise it.
    expect(codeOf(check('txt', { size: 6 * 1024 * 1024, maxBytes: 100 * 1024 * 1024 }))).toBe('too_large');
  });

  it('refuses an empty file', () => {
    expect(codeOf(check('pdf', { size: 0, head: new Uint8Array() }))).toBe('empty');
  });

  it('refuses an unknown declared type, naming the types it accepts', () => {
    const result = checkEvidence({
      declaredType: 'application/zip',
      fileName: 'a.zip',
      size: 10,
      head: HEADS.docx,
    });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'unknown_type',
      zh: expect.stringContaining('PDF 文档'),
    });
  });

  it('refuses a type the item does not accept', () => {
    const result = check('png', { allowedTypes: ['application/pdf'] });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'type_not_allowed',
      en: expect.stringContaining('accepts only: PDF document'),
    });
  });

  it('refuses a name whose extension does not fit the declared type', () => {
    expect(codeOf(check('pdf', { fileName: '方案.docx' }))).toBe('extension_mismatch');
    expect(codeOf(check('jpeg', { fileName: 'x.JPG' }))).toBe('ok');
  });

  it('reads the declared type without its parameters and case', () => {
    expect(codeOf(check('csv', { declaredType: 'Text/CSV; charset=utf-8' }))).toBe('ok');
  });

  it('accepts any UTF-8 text declared as text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        fc.pre(!text.includes('\u0000') && !text.startsWith('%PDF-') && !text.startsWith('PK\u0003\u0004'));
        const head = new TextEncoder().encode(text);
        return (
          codeOf(
            checkEvidence({ declaredType: 'text/plain', fileName: 'a.txt', size: head.length, head }),
          ) === 'ok'
        );
      }),
    );
  });

  it('agrees with the platform decoder on arbitrary bytes declared as text', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (head) => {
        let valid = true;
        try {
          decoder.decode(head);
        } catch {
          valid = false;
        }
        const startsAs = (signature: readonly number[]) => signature.every((byte, i) => head[i] === byte);
        valid =
          valid &&
          !head.includes(0) &&
          !startsAs([0x25, 0x50, 0x44, 0x46, 0x2d]) &&
          !startsAs([0x50, 0x4b, 0x03, 0x04]);
        const code = codeOf(
          checkEvidence({ declaredType: 'text/plain', fileName: 'a.txt', size: head.length, head }),
        );
        return valid ? code === 'ok' : code !== 'ok';
      }),
      { numRuns: 2000 },
    );
  });
});
