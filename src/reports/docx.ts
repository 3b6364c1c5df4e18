/**
 * A report model as a Word document (.docx, with the `docx` library): numbered headings and
 * paragraphs, tables with a repeated header row, a footer. Word, LibreOffice and Google Docs
 * open it; screen readers get real headings and table headers.
 */
import {
  Document,
  Footer,
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
import { chartPng } from './charts.js';
import type { Block, DocumentModel } from './document-model.js';

/** Word's text width on A4 with its default margins, in pixels at 96 dpi. */
const CHART_WIDTH_PX = 600;

function chart(block: Extract<Block, { kind: 'chart' }>): Paragraph[] {
  const png = block.png ?? chartPng(block.svg);
  return [
    new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })] }),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: Buffer.from(png.base64, 'base64'),
          transformation: {
            width: CHART_WIDTH_PX,
            height: Math.round((CHART_WIDTH_PX * png.height) / png.width),
          },
          altText: { name: block.caption, title: block.caption, description: block.alt },
        }),
      ],
    }),
    new Paragraph({ text: '' }),
  ];
}

/** Table text at 10 point, so narrow number columns keep their words whole. */
const TABLE_TEXT_SIZE = 20;

const lines = (text: string, bold = false) =>
  (text === '' ? [''] : text.split('\n')).map(
    (line) =>
      new Paragraph({ children: [new TextRun({ text: line, bold, size: TABLE_TEXT_SIZE })] }),
  );

function table(block: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const total = block.widths.reduce((a, b) => a + b, 0) || 1;
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      children: lines(text, header),
      width: {
        size: Math.round((100 * (block.widths[i] ?? 1)) / total),
        type: WidthType.PERCENTAGE,
      },
    });
  return [
    new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        // Repeated at the top of each page the table runs onto.
        new TableRow({
          tableHeader: true,
          children: block.columns.map((c, i) => cell(c, i, true)),
        }),
        ...block.rows.map(
          (row) =>
            new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) }),
        ),
      ],
    }),
    new Paragraph({ text: '' }),
  ];
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'section':
      return [
        new Paragraph({ text: `${block.number}. ${block.text}`, heading: HeadingLevel.HEADING_1 }),
      ];
    case 'subheading':
      return [new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 })];
    case 'paragraph':
      return [
        new Paragraph({
          children: [new TextRun(block.number ? `${block.number}  ${block.text}` : block.text)],
          spacing: { after: 120 },
        }),
      ];
    case 'list':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'table':
      return table(block);
    case 'chart':
      return chart(block);
  }
}

/** The document as the bytes of a .docx file. */
export async function toDocx(model: DocumentModel): Promise<Buffer> {
  const doc = new Document({
    creator: 'Sendboard',
    title: model.title,
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    sections: [
      {
        footers: { default: new Footer({ children: [new Paragraph(model.footer)] }) },
        children: [
          new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
          ...model.subtitle.map((line) => new Paragraph({ text: line })),
          new Paragraph({ text: '' }),
          ...model.blocks.flatMap(render),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
