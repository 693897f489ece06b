import { existsSync } from 'node:fs';

/**
 * The CJK font the work summary's PDF and its chart images are set in. PDF viewers cannot be relied
 * on to have a Chinese font, so the PDF embeds one (a subset of it); the chart images are drawn with
 * the same font so that they match the text.
 */

export type TCjkFont = {
  /** A font file: .otf / .ttf, or a collection (.ttc / .otc) with `postscriptName` choosing the face. */
  path: string;
  /** PostScript name of the face inside a collection, e.g. `NotoSansCJKsc-Regular`. */
  postscriptName?: string;
  /** The bold face for headings, when one is found beside the regular one. */
  bold?: { path: string; postscriptName?: string };
};

type TCandidate = { path: string; postscriptName?: string; bold?: { path: string; postscriptName?: string } };

/** Where the common distributions install Noto Sans CJK / Source Han Sans (Simplified Chinese face). */
const CANDIDATES: readonly TCandidate[] = [
  {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    postscriptName: 'NotoSansCJKsc-Regular',
    bold: {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
      postscriptName: 'NotoSansCJKsc-Bold',
    },
  },
  {
    path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    postscriptName: 'NotoSansCJKsc-Regular',
    bold: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  },
  {
    path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    postscriptName: 'NotoSansCJKsc-Regular',
    bold: {
      path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
      postscriptName: 'NotoSansCJKsc-Bold',
    },
  },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
  { path: '/usr/share/fonts/OTF/SourceHanSansSC-Regular.otf' },
  { path: '/usr/share/fonts/adobe-source-han-sans/SourceHanSansSC-Regular.otf' },
];

/** A font setting names a file, optionally followed by `#` and the face's PostScript name. */
function parseFontSetting(setting: string): TCjkFont {
  const hash = setting.lastIndexOf('#');
  if (hash > 0) return { path: setting.slice(0, hash), postscriptName: setting.slice(hash + 1) };
  const path = setting;
  // A bare collection gets the Simplified Chinese face of the Noto or Source Han collections.
  if (/\.(ttc|otc)$/i.test(path))
    return {
      path,
      postscriptName: /SourceHan/i.test(path) ? 'SourceHanSansSC-Regular' : 'NotoSansCJKsc-Regular',
    };
  return { path };
}

export class MissingCjkFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingCjkFontError';
  }
}

export type ResolveCjkFontOptions = {
  /** The configured font (TUOGOU_CJK_FONT): a file, or `file.ttc#PostScriptName`. */
  setting?: string;
  /** Where to look when nothing is configured (tests replace it). */
  candidates?: readonly TCandidate[];
};

/**
 * The configured font, or the first installed candidate. Throws {@link MissingCjkFontError} saying
 * what to install or configure when there is none, rather than writing a PDF of empty boxes.
 */
export function resolveCjkFont({ setting, candidates = CANDIDATES }: ResolveCjkFontOptions = {}): TCjkFont {
  if (setting) {
    const font = parseFontSetting(setting);
    if (!existsSync(font.path))
      throw new MissingCjkFontError(
        `TUOGOU_CJK_FONT names ${font.path}, which does not exist. 所配置的中文字体文件不存在。`,
      );
    return font;
  }
  for (const candidate of candidates) {
    if (!existsSync(candidate.path)) continue;
    const bold = candidate.bold && existsSync(candidate.bold.path) ? candidate.bold : undefined;
    return { path: candidate.path, postscriptName: candidate.postscriptName, ...(bold ? { bold } : {}) };
  }
  throw new MissingCjkFontError(
    'No CJK font found for the work summary. Install Noto Sans CJK (Debian/Ubuntu: apt-get install ' +
      'fonts-noto-cjk) or Source Han Sans, or set TUOGOU_CJK_FONT to an .otf/.ttf file or to ' +
      '"file.ttc#PostScriptName". 未找到中文字体：请安装 fonts-noto-cjk（思源黑体），或用 TUOGOU_CJK_FONT 指定字体文件。',
  );
}
