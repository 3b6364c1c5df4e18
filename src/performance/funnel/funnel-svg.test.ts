import { describe, expect, it } from 'vitest';
import { analyseFunnel, type FunnelUnitInput } from './funnel.js';
import { describeFunnel, escapeXml, renderFunnelSvg } from './funnel-svg.js';

/**
 * Minimal XML well-formedness check (no new dependencies): one root, tags balanced and properly
 * nested, attributes quoted, and no raw < or stray & in text or attribute values.
 */
function expectWellFormedXml(xml: string): void {
  const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  const stack: string[] = [];
  let position = 0;
  let roots = 0;
  for (const match of xml.matchAll(tag)) {
    const text = xml.slice(position, match.index);
    expect(text, `text before ${match[0]}`).not.toMatch(/[<>]/);
    expect(text.replace(entity, ''), 'stray & in text').not.toContain('&');
    expect((match[3] ?? '').replace(entity, ''), `stray & in ${match[0]}`).not.toContain('&');
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      expect(stack.pop(), `closing </${name}>`).toBe(name);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name ?? '');
    }
    position = (match.index ?? 0) + match[0].length;
  }
  expect(xml.slice(position)).toBe('');
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(xml.startsWith('<svg ')).toBe(true);
}

function unit(id: string, numerator: number, denominator: number, name = id): FunnelUnitInput {
  return { id, name, numerator, denominator };
}

/** 40 schools at the area rate (10%), three far above it, one far below, one with no pupils. */
function county(): FunnelUnitInput[] {
  const typical = Array.from({ length: 40 }, (_, i) => {
    const n = 100 + i * 37;
    return unit(`t${i}`, Math.round(n / 10), n, `Typical School ${i + 1}`);
  });
  return [
    ...typical,
    unit('h1', 90, 300, `St Mary's & St John's <Primary>`),
    unit('h2', 70, 250, 'Quote "Academy"'),
    unit('h3', 200, 900, 'Oak Tree School'),
    unit('l1', 2, 800, 'Low Lane School'),
    unit('z', 0, 0, 'Closed School'),
  ];
}

const SCHOOLS = { unitSingular: 'school', unitPlural: 'schools' } as const;

describe('renderFunnelSvg', () => {
  const analysis = analyseFunnel(county());
  const svg = renderFunnelSvg(analysis, {
    ...SCHOOLS,
    idPrefix: 'mld',
    title: 'Pupils with MLD by school',
    xLabel: 'Pupils on roll',
    yLabel: 'Pupils with MLD (%)',
  });

  it('uses the analysis the test intends', () => {
    expect(analysis.overdispersion.detected).toBe(false);
    const count = (label: string) => analysis.units.filter((u) => u.label === label).length;
    expect(count('High (0.001)')).toBe(3);
    expect(count('Low (0.001)')).toBe(1);
    expect(count('Not significant')).toBe(40);
  });

  it('is well-formed XML', () => {
    expectWellFormedXml(svg);
  });

  it('has an accessible name and description wired up with aria-labelledby', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="mld-title mld-desc"');
    expect(svg).toContain('<title id="mld-title">Pupils with MLD by school</title>');
    expect(svg).toMatch(/<desc id="mld-desc">[^<]+<\/desc>/);
    expect(svg).toContain('viewBox="0 0 720 420"');
    expect(svg).toContain('width="100%"');
  });

  it('summarises the counts in the description', () => {
    const desc = describeFunnel(analysis, SCHOOLS);
    expect(desc).toContain('44 schools plotted against an overall rate of');
    expect(desc).toContain('exact binomial 95% and 99.8% limits');
    expect(desc).toContain('3 schools above the 99.8% limit: ');
    expect(desc).toContain('No schools above the 95% limit but not the 99.8% limit.');
    expect(desc).toContain('1 school below the 99.8% limit: Low Lane School.');
    expect(desc).toContain('40 schools within the limits.');
    expect(desc).toContain('1 school not plotted');
    expect(svg).toContain(`<desc id="mld-desc">${escapeXml(desc)}</desc>`);
  });

  it('escapes names and labels everywhere', () => {
    expect(svg).toContain('St Mary&apos;s &amp; St John&apos;s &lt;Primary&gt;');
    expect(svg).toContain('Quote &quot;Academy&quot;');
    expect(svg).not.toContain('<Primary>');
    expect(svg).not.toContain('"Academy"');
    const hostile = renderFunnelSvg(analysis, {
      title: '</title><script>alert(1)</script>',
      xLabel: 'a & b',
      yLabel: '"quoted"',
      idPrefix: '"><script>',
    });
    expectWellFormedXml(hostile);
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('&lt;/title&gt;&lt;script&gt;');
  });

  it('draws the p0 line, dashed 95% and dotted 99.8% curves, and flagged markers by shape', () => {
    expect(svg).toContain('stroke="#00703c"');
    expect(svg).toContain('stroke-dasharray="8 4"');
    expect(svg).toContain('stroke-dasharray="0.1 4"');
    // Upward triangles for high, downward for low, round dots for the rest.
    expect(svg).toMatch(/fill="#d4351c" stroke="#d4351c"/);
    expect(svg).toContain('l5.5 9h-11z');
    expect(svg).toContain('l5.5 -9h-11z');
    expect(svg).toContain('stroke-linecap="round"');
    expect(svg).toContain('Pupils on roll');
    expect(svg).toContain('Pupils with MLD (%)');
    expect(svg).toContain('Overall rate');
  });

  it('uses only colours with at least 3:1 contrast on white (plus light grey gridlines)', () => {
    const colours = new Set(svg.match(/#[0-9a-fA-F]{6}\b/g));
    const allowed = new Set(['#1d70b8', '#d4351c', '#00703c', '#505a5f', '#0b0c0c', '#ffffff']);
    colours.delete('#b1b4b6'); // Decorative gridlines; the axes themselves are black.
    for (const colour of colours) expect(allowed).toContain(colour.toLowerCase());
  });

  it('stays compact for a county of 600 schools', () => {
    const schools = Array.from({ length: 600 }, (_, i) => {
      const n = 30 + ((i * 7919) % 1700);
      return unit(`s${i}`, Math.round(n * (0.06 + ((i * 31) % 13) / 200)), n, `School ${i}`);
    });
    const started = performance.now();
    const big = renderFunnelSvg(analyseFunnel(schools), SCHOOLS);
    expect(performance.now() - started).toBeLessThan(1000);
    expectWellFormedXml(big);
    expect(big.length).toBeLessThan(40_000);
    expect(big.match(/<path /g)?.length ?? 0).toBeLessThan(30);
  });

  it('says when there is nothing to plot', () => {
    const empty = renderFunnelSvg(analyseFunnel([unit('z', 0, 0)]), SCHOOLS);
    expectWellFormedXml(empty);
    expect(empty).toContain('No schools to plot. 1 school not plotted');
    expect(empty).toContain('role="img"');
  });

  it('describes adjusted limits and a target rate when they are used', () => {
    const spread = analyseFunnel(
      [
        unit('a', 12, 210),
        unit('b', 30, 180),
        unit('c', 95, 1200),
        unit('d', 4, 90),
        unit('e', 60, 640),
        unit('f', 41, 420),
        unit('h', 70, 1500),
        unit('j', 25, 260),
        unit('l', 33, 350),
        unit('m', 80, 800),
      ],
      { targetRate: 0.08 },
    );
    expect(spread.limitsUsed).toBe('overdispersion-adjusted');
    const desc = describeFunnel(spread, SCHOOLS);
    expect(desc).toContain('against a target rate of 8.0%');
    expect(desc).toContain('overdispersion-adjusted 95% and 99.8% limits');
    const drawn = renderFunnelSvg(spread, SCHOOLS);
    expectWellFormedXml(drawn);
    expect(drawn).toContain('Target rate 8.0%');
    expect(drawn).toContain('(both adjusted for overdispersion)');

    // Drawing the exact limits instead re-labels the markers against them, so the two agree.
    const exactDesc = describeFunnel(spread, { ...SCHOOLS, limits: 'exact' });
    const exactlyHigh = spread.units.filter((u) => u.rate > u.exactLimits.upper998).length;
    const adjustedHigh = spread.units.filter((u) => u.label === 'High (0.001)').length;
    expect(exactlyHigh).toBeGreaterThan(adjustedHigh);
    expect(exactDesc).toContain('exact binomial 95% and 99.8% limits');
    expect(exactDesc).toMatch(new RegExp(`\\b${exactlyHigh} schools? above the 99\\.8% limit`));
  });

  it('lists at most a few names per group', () => {
    const many = analyseFunnel([
      ...Array.from({ length: 60 }, (_, i) => unit(`t${i}`, 10, 100)),
      ...Array.from({ length: 8 }, (_, i) => unit(`h${i}`, 60, 100, `High ${i + 1}`)),
    ]);
    const desc = describeFunnel(many, { ...SCHOOLS, limits: 'exact', maxNamesListed: 3 });
    expect(desc).toMatch(/8 schools above the 99\.8% limit: High 1, High 2, High 3 and 5 more\./);
  });
});
