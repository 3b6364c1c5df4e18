import { describe, expect, it } from 'vitest';
import { LetterInputError, MAX_TEXT_BYTES } from './errors.js';
import { decodeTextFile, extractPdfText, parseLetterFile } from './extract-pdf.js';
import { buildPdf, stream, textPdf } from '../../test/helpers/pdf.js';

/**
 * A letter laid out as a word processor would: "• " starts a bullet whose text hangs at 90pt,
 * two leading spaces put a line at 90pt, "" leaves a paragraph gap. Each page gets a running
 * header and a page number.
 */
function letterPdf(pages: string[][]): Uint8Array {
  return textPdf(
    pages.map((lines, p) => {
      const runs: [number, number, string][] = [
        [72, 800, 'Eastmoor joint local area SEND inspection'],
      ];
      let y = 760;
      for (const line of lines) {
        if (line === '') {
          y -= 14;
          continue;
        }
        if (line.startsWith('• ')) {
          runs.push([72, y, '•'], [90, y, line.slice(2)]);
        } else if (line.startsWith('  ')) {
          runs.push([90, y, line.trim()]);
        } else {
          runs.push([72, y, line]);
        }
        y -= 14.5;
      }
      runs.push([280, 40, `Page ${p + 1} of ${pages.length}`]);
      return runs;
    }),
  );
}

async function inputError(promise: Promise<unknown>): Promise<LetterInputError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(LetterInputError);
    return err as LetterInputError;
  }
  throw new Error('expected a LetterInputError');
}

describe('extractPdfText', () => {
  it('keeps lines, paragraphs, pages and table columns', async () => {
    const pdf = textPdf([
      [
        [72, 760, 'First line of a paragraph'],
        [72, 745.5, 'and its second line.'],
        [72, 716, 'A new paragraph.'],
        [72, 690, 'Council'],
        [250, 690, 'First action'],
        [250, 675.5, 'goes on here.'],
        [72, 661, 'Council'],
        [250, 661, 'Second action.'],
        [72, 646.5, 'Council and ICB'],
        [250, 646.5, 'Third action.'],
      ],
      [[72, 760, 'Page two']],
    ]);
    expect(await extractPdfText(pdf)).toBe(
      [
        'First line of a paragraph',
        'and its second line.',
        '',
        'A new paragraph.',
        '',
        'Council\tFirst action',
        '\tgoes on here.',
        'Council\tSecond action.',
        'Council and ICB\tThird action.',
        '\f',
        'Page two',
      ].join('\n'),
    );
  });

  it('puts lines in reading order whatever order the PDF draws them in', async () => {
    const pdf = textPdf([
      [
        [72, 745.5, 'second'],
        [72, 760, 'first'],
      ],
    ]);
    expect(await extractPdfText(pdf)).toBe('first\nsecond');
  });

  it('leaves the caller’s bytes usable', async () => {
    const pdf = textPdf([[[72, 760, 'Hello']]]);
    await extractPdfText(pdf);
    expect(await extractPdfText(pdf)).toBe('Hello');
  });

  it('rejects a file that is not a PDF', async () => {
    const err = await inputError(extractPdfText(new TextEncoder().encode('Dear Ian Sutherland')));
    expect(err.code).toBe('not_pdf');
    expect(err.message).toMatch(/not a PDF/);
  });

  it('rejects a damaged PDF', async () => {
    const err = await inputError(
      extractPdfText(new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF')),
    );
    expect(err.code).toBe('invalid_pdf');
  });

  it('rejects a scanned PDF with no text layer', async () => {
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
      stream('q 400 0 0 500 90 200 cm /Im1 Do Q'),
      '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream',
    ]);
    const err = await inputError(extractPdfText(pdf));
    expect(err.code).toBe('no_text_layer');
    expect(err.message).toMatch(/^This PDF has no text layer/);
  });

  it.each([
    ['blank pages', textPdf([[], []])],
    ['only spaces', textPdf([[[72, 760, '   ']]])],
  ])('rejects a PDF with %s', async (_name, pdf) => {
    const err = await inputError(extractPdfText(pdf));
    expect(err.code).toBe('empty');
  });

  it('rejects a password-protected PDF', async () => {
    // Standard security handler, revision 2, with a user password that is not empty.
    const pdf = buildPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
        `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> >>`,
      ],
      `/Encrypt 4 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] `,
    );
    const err = await inputError(extractPdfText(pdf));
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(/password/);
  });

  it('rejects more text than a letter could hold', async () => {
    const pdf = textPdf([[[72, 760, 'x'.repeat(60)]], [[72, 760, 'y'.repeat(60)]]]);
    const err = await inputError(extractPdfText(pdf, { maxTextBytes: 100 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toMatch(/10 MB/);
  });
});

describe('parseLetterFile', () => {
  const letter = [
    'Dear Ms Example',
    '',
    'Joint local area SEND inspection in Eastmoor',
    '',
    'The effectiveness of the local area in identifying children and young people’s special educational needs and/or disabilities',
    '',
    'Strengths',
    '',
    '- Needs are identified early.',
  ].join('\n');

  it('reads a UTF-8 text file, with or without a byte order mark', async () => {
    for (const bom of ['', '\uFEFF']) {
      const p = await parseLetterFile(new TextEncoder().encode(bom + letter), 'letter.TXT');
      expect(p.area).toBe('Eastmoor');
      expect(p.findings).toEqual([
        { type: 'strength', question: 'identify', text: 'Needs are identified early.' },
      ]);
    }
  });

  it('reads a text file saved as UTF-16', () => {
    const utf16 = new Uint8Array(2 + letter.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < letter.length; i++) {
      const code = letter.charCodeAt(i);
      utf16[2 + 2 * i] = code & 0xff;
      utf16[3 + 2 * i] = code >> 8;
    }
    expect(decodeTextFile(utf16)).toBe(letter);
  });

  it('reads a PDF', async () => {
    const pdf = textPdf([
      [
        [72, 760, 'Joint local area SEND inspection in Eastmoor'],
        [72, 730, 'Areas for development'],
        [72, 700, '- Some plans are late.'],
      ],
    ]);
    const p = await parseLetterFile(pdf, 'outcome-letter.pdf');
    expect(p.framework).toBe('2016');
    expect(p.findings).toEqual([
      { type: 'area_for_development', question: null, text: 'Some plans are late.' },
    ]);
  });

  it('reads a 2016 letter laid out with hanging bullets, page breaks and running headers', async () => {
    const pdf = letterPdf([
      [
        'Joint local area SEND inspection in Eastmoor',
        '',
        'Between 15 May 2017 and 19 May 2017, Ofsted and the CQC conducted a joint inspection',
        'of the local area of Eastmoor.',
        '',
        'The effectiveness of the local area in identifying children and young people who have',
        'special educational needs and/or disabilities',
        '',
        'Strengths',
        '',
        '• Health visitors identify needs early and share what they know with',
        '  early years settings.',
        '• Schools use a shared tool to identify needs. Leaders check how well',
        '  it is used.',
      ],
      [
        '  Some schools do not use the tool yet.',
        '',
        'Areas for development',
        '',
        '• Some families wait too long for an assessment of their child’s',
        '  needs.',
        '',
        'The inspection raises significant concerns about the effectiveness of the local area.',
        '',
        'The local area is required to produce and submit a Written Statement of Action to',
        'Ofsted that explains how it will tackle the following areas of significant weakness:',
        '',
        '• the long waits for assessment',
        '• the lack of co-production',
        '',
        'Yours sincerely',
      ],
    ]);
    const p = await parseLetterFile(pdf, 'letter.pdf');
    expect(p).toMatchObject({
      framework: '2016',
      kind: 'initial',
      area: 'Eastmoor',
      onSiteStart: '2017-05-15',
      onSiteEnd: '2017-05-19',
      wsoaRequired: true,
    });
    expect(p.findings).toEqual([
      {
        type: 'strength',
        question: 'identify',
        text: 'Health visitors identify needs early and share what they know with early years settings.',
      },
      {
        type: 'strength',
        question: 'identify',
        text: 'Schools use a shared tool to identify needs. Leaders check how well it is used. Some schools do not use the tool yet.',
      },
      {
        type: 'area_for_development',
        question: 'identify',
        text: 'Some families wait too long for an assessment of their child’s needs.',
      },
      { type: 'significant_weakness', question: null, text: 'the long waits for assessment' },
      { type: 'significant_weakness', question: null, text: 'the lack of co-production' },
    ]);
  });

  it('rejects other kinds of file', async () => {
    const err = await inputError(
      parseLetterFile(new Uint8Array([0x50, 0x4b, 3, 4]), 'letter.docx'),
    );
    expect(err.code).toBe('unsupported_type');
  });

  it('rejects an empty text file', async () => {
    const err = await inputError(parseLetterFile(new TextEncoder().encode(' \r\n'), 'a.txt'));
    expect(err.code).toBe('empty');
  });

  it('rejects a text file over 10 MB', async () => {
    const big = new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x61);
    const err = await inputError(parseLetterFile(big, 'huge.txt'));
    expect(err.code).toBe('too_large');
  });

  it('rejects a .pdf that is not a PDF', async () => {
    const err = await inputError(parseLetterFile(new TextEncoder().encode(letter), 'letter.pdf'));
    expect(err.code).toBe('not_pdf');
  });
});
