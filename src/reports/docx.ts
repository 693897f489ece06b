import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { TSummaryBlock, TWorkSummaryDocument } from './summary.ts';

/**
 * The work summary as a Word document, the form offices edit before they file it. Body text is set in
 * 仿宋 and headings in 黑体, as official documents are; Word substitutes a CJK font where those are
 * missing, and the charts are pictures, so nothing depends on the reader's fonts.
 */

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
/** Chart width on the page, in pixels at 96 dpi (about 15.9 cm). */
const CHART_WIDTH = 600;

function blockToDocx(block: TSummaryBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({
          children: [new TextRun({ text: block.text, font: BODY_FONT, size: 28 })],
          indent: { firstLine: 560 },
          spacing: { line: 460 },
        }),
      ];
    case 'subheading':
      return [
        new Paragraph({
          children: [new TextRun({ text: block.text, font: BODY_FONT, size: 28, bold: true })],
          indent: { firstLine: 560 },
          spacing: { line: 460 },
        }),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [block.headers, ...block.rows].map(
            (cells, i) =>
              new TableRow({
                tableHeader: i === 0,
                children: cells.map(
                  (text) =>
                    new TableCell({
                      children: [
                        new Paragraph({
                          alignment: AlignmentType.CENTER,
                          children: [new TextRun({ text, font: BODY_FONT, size: 21, bold: i === 0 })],
                        }),
                      ],
                    }),
                ),
              }),
          ),
        }),
        new Paragraph({ children: [] }),
      ];
    case 'chart':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'png',
              data: block.chart.png,
              transformation: {
                width: CHART_WIDTH,
                height: Math.round((CHART_WIDTH * block.chart.height) / block.chart.width),
              },
              altText: { name: block.chart.title, description: block.chart.title, title: block.chart.title },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: block.chart.title, font: BODY_FONT, size: 21 })],
        }),
      ];
    default: {
      const never: never = block;
      throw new Error(`unhandled block ${JSON.stringify(never)}`);
    }
  }
}

/** The summary as a .docx file. */
export async function renderSummaryDocx(summary: TWorkSummaryDocument): Promise<Buffer> {
  const doc = new Document({
    creator: 'Tuogou',
    title: summary.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: 28 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            heading: HeadingLevel.TITLE,
            children: [new TextRun({ text: summary.title, font: HEADING_FONT, size: 40, bold: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: summary.subtitle, font: BODY_FONT, size: 28 })],
          }),
          ...summary.sections.flatMap((section) => [
            new Paragraph({
              heading: HeadingLevel.HEADING_1,
              children: [
                new TextRun({ text: section.heading, font: HEADING_FONT, size: 32, color: '000000' }),
              ],
              spacing: { before: 240, after: 120 },
            }),
            ...section.blocks.flatMap(blockToDocx),
          ]),
          new Paragraph({
            spacing: { before: 240 },
            children: [new TextRun({ text: summary.footer, font: BODY_FONT, size: 21, italics: true })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
