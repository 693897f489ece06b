import PDFDocument from 'pdfkit';
import type { TCjkFont } from './font.ts';
import type { TSummaryBlock, TWorkSummaryDocument } from './summary.ts';

/**
 * The work summary as a PDF with the CJK font embedded (pdfkit embeds the subset of glyphs used, with
 * a ToUnicode map, so the text can be searched and extracted), for filing and printing as it is.
 */

const MARGIN = 64;
const BODY_SIZE = 11.5;

type TPdf = InstanceType<typeof PDFDocument>;

function registerFonts(doc: TPdf, font: TCjkFont): void {
  doc.registerFont('body', font.path, font.postscriptName);
  if (font.bold) doc.registerFont('bold', font.bold.path, font.bold.postscriptName);
  else doc.registerFont('bold', font.path, font.postscriptName);
}

function contentWidth(doc: TPdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureSpace(doc: TPdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawTable(doc: TPdf, headers: string[], rows: string[][]): void {
  const width = contentWidth(doc);
  // The first column holds names; it gets twice the share of the others.
  const share = width / (headers.length + 1);
  const widths = headers.map((_, i) => (i === 0 ? share * 2 : share));
  const left = doc.page.margins.left;
  const padding = 4;
  for (const [index, cells] of [headers, ...rows].entries()) {
    doc.font(index === 0 ? 'bold' : 'body').fontSize(9.5);
    const height =
      Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - padding * 2 }))) +
      padding * 2;
    ensureSpace(doc, height);
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      doc.rect(x, top, widths[i]!, height).lineWidth(0.5).stroke('#888888');
      doc.fillColor('#000000').text(text, x + padding, top + padding, {
        width: widths[i]! - padding * 2,
        align: i === 0 ? 'left' : 'center',
      });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = top + height;
  }
  doc.moveDown(0.8);
}

function drawBlock(doc: TPdf, block: TSummaryBlock): void {
  switch (block.kind) {
    case 'paragraph':
      doc.font('body').fontSize(BODY_SIZE).fillColor('#000000');
      doc.text(block.text, { indent: BODY_SIZE * 2, align: 'justify', lineGap: 5, paragraphGap: 6 });
      return;
    case 'subheading':
      doc.font('bold').fontSize(BODY_SIZE).fillColor('#000000');
      doc.text(block.text, { indent: BODY_SIZE * 2, lineGap: 5, paragraphGap: 4 });
      return;
    case 'table':
      doc.moveDown(0.3);
      drawTable(doc, block.headers, block.rows);
      return;
    case 'chart': {
      const width = contentWidth(doc);
      const height = (width * block.chart.height) / block.chart.width;
      ensureSpace(doc, height + 30);
      const top = doc.y;
      doc.image(block.chart.png, doc.page.margins.left, top, { width, height });
      doc.y = top + height + 4;
      doc
        .font('body')
        .fontSize(9.5)
        .text(block.chart.title, doc.page.margins.left, doc.y, { width, align: 'center' });
      doc.moveDown(0.8);
      return;
    }
    default: {
      const never: never = block;
      throw new Error(`unhandled block ${JSON.stringify(never)}`);
    }
  }
}

/** The summary as a PDF file set in the CJK font. */
export async function renderSummaryPdf(summary: TWorkSummaryDocument, font: TCjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: summary.title, Creator: 'Tuogou' },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, font);
  doc.font('bold').fontSize(18).text(summary.title, { align: 'center' });
  doc.moveDown(0.3);
  doc.font('body').fontSize(BODY_SIZE).text(summary.subtitle, { align: 'center' });
  doc.moveDown(1);
  for (const section of summary.sections) {
    ensureSpace(doc, 60);
    doc.font('bold').fontSize(14).fillColor('#000000').text(section.heading, doc.page.margins.left, doc.y);
    doc.moveDown(0.4);
    for (const block of section.blocks) drawBlock(doc, block);
    doc.moveDown(0.5);
  }
  doc.moveDown(1);
  doc.font('body').fontSize(9).fillColor('#555555').text(summary.footer);
  doc.end();
  return done;
}
