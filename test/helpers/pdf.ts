/** Small PDFs written by hand, for the letter import's tests. */
// Small PDFs written by hand, byte for byte, with a correct cross-reference table.
export function buildPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

export const stream = (content: string) =>
  `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/** A PDF string in WinAnsi encoding: brackets escaped, bullet and curly quote as their codes. */
function winAnsi(text: string): string {
  return text
    .replace(/[()\\]/g, '\\$&')
    .replace(/\u2022/g, '\\225')
    .replace(/\u2019/g, '\\222');
}

/** Pages of text in Helvetica 12pt: each page a list of [x, y, text]. */
export function textPdf(pages: [number, number, string][][]): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  const font = 3 + pages.length * 2;
  pages.forEach((runs, i) => {
    const page = 3 + i * 2;
    kids.push(`${page} 0 R`);
    const ops = runs.map(([x, y, t]) => `1 0 0 1 ${x} ${y} Tm (${winAnsi(t)}) Tj`).join(' ');
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${page + 1} 0 R >>`,
      stream(`BT /F1 12 Tf ${ops} ET`),
    );
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  return buildPdf(objects);
}
