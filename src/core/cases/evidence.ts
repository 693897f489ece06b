/**
 * Checks of an uploaded evidence file before it is stored: the declared type is one we accept, the
 * name's extension fits it, the size is within the limit, and the first bytes of the content are
 * what that type starts with. Pure: the caller reads the first `EVIDENCE_HEAD_BYTES` bytes and
 * computes the content hash (node:crypto) itself.
 */

import type { TRefusal } from './types.ts';

export const EVIDENCE_TYPES = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'txt', 'csv'] as const;
export type TEvidenceType = (typeof EVIDENCE_TYPES)[number];

/** How many leading bytes of the content the caller should hand to `checkEvidence`. */
export const EVIDENCE_HEAD_BYTES = 4096;

const MB = 1024 * 1024;

export type TEvidenceTypeSpec = {
  type: TEvidenceType;
  mimeType: string;
  extensions: readonly string[];
  /** Default upper size limit in bytes; a checklist item may set a lower one. */
  maxBytes: number;
  label: { zh: string; en: string };
};

export const EVIDENCE_TYPE_SPECS: Readonly<Record<TEvidenceType, TEvidenceTypeSpec>> = {
  pdf: {
    type: 'pdf',
    mimeType: 'application/pdf',
    extensions: ['.pdf'],
    maxBytes: 20 * MB,
    label: { zh: 'PDF 文档', en: 'PDF document' },
  },
  png: {
    type: 'png',
    mimeType: 'image/png',
    extensions: ['.png'],
    maxBytes: 10 * MB,
    label: { zh: 'PNG 图片', en: 'PNG image' },
  },
  jpeg: {
    type: 'jpeg',
    mimeType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    maxBytes: 10 * MB,
    label: { zh: 'JPEG 图片', en: 'JPEG image' },
  },
  docx: {
    type: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    maxBytes: 20 * MB,
    label: { zh: 'Word 文档（DOCX）', en: 'Word document (DOCX)' },
  },
  xlsx: {
    type: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    maxBytes: 20 * MB,
    label: { zh: 'Excel 表格（XLSX）', en: 'Excel workbook (XLSX)' },
  },
  txt: {
    type: 'txt',
    mimeType: 'text/plain',
    extensions: ['.txt'],
    maxBytes: 5 * MB,
    label: { zh: 'UTF-8 文本', en: 'UTF-8 text' },
  },
  csv: {
    type: 'csv',
    mimeType: 'text/csv',
    extensions: ['.csv'],
    maxBytes: 5 * MB,
    label: { zh: 'UTF-8 CSV 表格', en: 'UTF-8 CSV table' },
  },
};

/** The evidence type of a MIME type (parameters such as `; charset=utf-8` are ignored). */
export function evidenceTypeOf(mimeType: string): TEvidenceType | null {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  for (const spec of Object.values(EVIDENCE_TYPE_SPECS)) if (spec.mimeType === bare) return spec.type;
  return null;
}

export type TEvidenceRefusalCode =
  | 'unknown_type'
  | 'type_not_allowed'
  | 'extension_mismatch'
  | 'empty'
  | 'too_large'
  | 'content_mismatch'
  | 'not_utf8';

export type CheckEvidenceOptions = {
  /** The MIME type the uploader declared. */
  declaredType: string;
  fileName: string;
  /** The whole file's size in bytes. */
  size: number;
  /** The first bytes of the content (up to `EVIDENCE_HEAD_BYTES`; the whole file when smaller). */
  head: Uint8Array;
  /** A lower limit than the type's default, e.g. from a checklist item's evidence requirement. */
  maxBytes?: number;
  /** MIME types the item accepts; all known types when omitted. */
  allowedTypes?: readonly string[];
};

export type TEvidenceCheck =
  | { ok: true; type: TEvidenceType; mimeType: string }
  | { ok: false; refusal: TRefusal<TEvidenceRefusalCode> };

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  if (head.length < signature.length) return false;
  return signature.every((byte, i) => head[i] === byte);
}

function containsAscii(head: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= head.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (head[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * What the first bytes say the content is. An Office file is a zip; its parts are named in the
 * local headers, so `word/` or `xl/` in the head tells a document from a workbook when it is there
 * (a zip whose head names neither is reported as `zip`, which fits either).
 */
function sniff(head: Uint8Array): TEvidenceType | 'zip' | null {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, ZIP)) {
    if (containsAscii(head, 'word/')) return 'docx';
    if (containsAscii(head, 'xl/')) return 'xlsx';
    return 'zip';
  }
  return null;
}

/**
 * Whether the bytes are UTF-8 without NUL characters. The head may cut a multi-byte character at its
 * end; that incomplete tail is accepted when the head is shorter than the file.
 */
function utf8Problem(head: Uint8Array, truncated: boolean): number | null {
  let i = 0;
  while (i < head.length) {
    const byte = head[i]!;
    if (byte === 0) return i;
    let extra: number;
    let min: number;
    if (byte < 0x80) {
      i += 1;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = byte & (0x3f >> extra);
    for (let k = 1; k <= extra; k += 1) {
      if (i + k >= head.length) return truncated ? null : i;
      const next = head[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return null;
}

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KB`;
  return `${bytes} B`;
}

function refuse(code: TEvidenceRefusalCode, zh: string, en: string): TEvidenceCheck {
  return { ok: false, refusal: { code, zh, en } };
}

/**
 * Checks one evidence file: a known and allowed declared type, an extension that fits it, a size
 * above zero and within the limit, and content whose leading bytes match the type (PDF, PNG and
 * JPEG signatures; DOCX and XLSX as zip; text and CSV as UTF-8 without NUL). Refusals name the file
 * and say what was expected, in Chinese and English.
 */
export function checkEvidence({
  declaredType,
  fileName,
  size,
  head,
  maxBytes,
  allowedTypes,
}: CheckEvidenceOptions): TEvidenceCheck {
  const type = evidenceTypeOf(declaredType);
  const accepted = (allowedTypes ?? Object.values(EVIDENCE_TYPE_SPECS).map((s) => s.mimeType))
    .map((t) => evidenceTypeOf(t))
    .filter((t): t is TEvidenceType => t !== null);
  const acceptedZh = accepted.map((t) => EVIDENCE_TYPE_SPECS[t].label.zh).join('、');
  const acceptedEn = accepted.map((t) => EVIDENCE_TYPE_SPECS[t].label.en).join(', ');
  if (type === null) {
    return refuse(
      'unknown_type',
      `文件“${fileName}”声明的类型 ${declaredType} 不受支持；可上传：${acceptedZh}。`,
      `File "${fileName}": the declared type ${declaredType} is not supported; accepted: ${acceptedEn}.`,
    );
  }
  const spec = EVIDENCE_TYPE_SPECS[type];
  if (!accepted.includes(type)) {
    return refuse(
      'type_not_allowed',
      `文件“${fileName}”是${spec.label.zh}，此项材料只接受：${acceptedZh}。`,
      `File "${fileName}" is a ${spec.label.en}; this evidence accepts only: ${acceptedEn}.`,
    );
  }
  const lowerName = fileName.toLowerCase();
  if (!spec.extensions.some((ext) => lowerName.endsWith(ext))) {
    return refuse(
      'extension_mismatch',
      `文件“${fileName}”声明为${spec.label.zh}，文件名应以 ${spec.extensions.join(' 或 ')} 结尾。`,
      `File "${fileName}" is declared as a ${spec.label.en}; its name should end in ${spec.extensions.join(' or ')}.`,
    );
  }
  if (size <= 0 || head.length === 0) {
    return refuse('empty', `文件“${fileName}”是空文件。`, `File "${fileName}" is empty.`);
  }
  const limit = Math.min(spec.maxBytes, maxBytes ?? spec.maxBytes);
  if (size > limit) {
    return refuse(
      'too_large',
      `文件“${fileName}”大小为 ${formatBytes(size)}，超过上限 ${formatBytes(limit)}。`,
      `File "${fileName}" is ${formatBytes(size)}, above the limit of ${formatBytes(limit)}.`,
    );
  }
  const found = sniff(head);
  const mismatch = (foundZh: string, foundEn: string) =>
    refuse(
      'content_mismatch',
      `文件“${fileName}”声明为${spec.label.zh}，但内容是${foundZh}。`,
      `File "${fileName}" is declared as a ${spec.label.en}, but its content is ${foundEn}.`,
    );
  const describe = (t: TEvidenceType | 'zip' | null): [string, string] => {
    if (t === null) return ['无法识别的格式', 'of no recognised format'];
    if (t === 'zip') return ['其他 zip 压缩文件', 'another zip archive'];
    return [EVIDENCE_TYPE_SPECS[t].label.zh, `a ${EVIDENCE_TYPE_SPECS[t].label.en}`];
  };
  switch (type) {
    case 'pdf':
    case 'png':
    case 'jpeg':
      if (found !== type) return mismatch(...describe(found));
      break;
    case 'docx':
    case 'xlsx':
      if (found !== type && found !== 'zip') return mismatch(...describe(found));
      break;
    case 'txt':
    case 'csv': {
      if (found !== null) return mismatch(...describe(found));
      const at = utf8Problem(head, head.length < size);
      if (at !== null) {
        return refuse(
          'not_utf8',
          `文件“${fileName}”声明为${spec.label.zh}，但第 ${at + 1} 个字节起不是有效的 UTF-8 文本（如为 GB18030 编码，请另存为 UTF-8）。`,
          `File "${fileName}" is declared as ${spec.label.en}, but from byte ${at + 1} it is not valid UTF-8 (save a GB18030 file as UTF-8).`,
        );
      }
      break;
    }
    default: {
      const never: never = type;
      throw new Error(`unhandled evidence type ${String(never)}`);
    }
  }
  return { ok: true, type, mimeType: spec.mimeType };
}
