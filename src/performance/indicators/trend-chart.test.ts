import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  contrastRatio,
  escapeXml,
  NO_VALUE_TEXT,
  renderTrendChart,
  SERIES_STYLES,
  trendTable,
  type SeriesPoint,
  type TrendInput,
} from './trend-chart.js';

const ENGLAND: SeriesPoint[] = [
  { period: '2016', value: 58.6 },
  { period: '2017', value: 64.9 },
  { period: '2019', value: 60.4 },
  { period: '2021', value: 59.9 },
  { period: '2022', value: 49.2 },
  { period: '2023', value: 50.3 },
  { period: '2024', value: 46.4 },
];

function twentyWeeks(overrides: Partial<TrendInput> = {}): TrendInput {
  return {
    indicatorName: 'New EHC plans issued within 20 weeks',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'annual',
    ours: {
      label: 'Durham',
      points: [
        { period: '2021', value: 40.1 },
        { period: '2022', value: 52 },
        { period: '2023', value: 50.3 },
        { period: '2024', value: 46.4 },
      ],
    },
    benchmarks: [{ kind: 'england', points: ENGLAND }],
    target: { value: 60, date: '2026-03-31' },
    ...overrides,
  };
}

function between(svg: string, open: string, close: string): string {
  const start = svg.indexOf(open);
  return svg.slice(start + open.length, svg.indexOf(close, start));
}

/** The d attribute of each series line, keyed by stroke colour. */
function linePaths(svg: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const match of svg.matchAll(/<path d="([^"]+)" fill="none" stroke="(#[0-9a-f]{6})"/g)) {
    paths.set(match[2] ?? '', match[1] ?? '');
  }
  return paths;
}

function markerCount(svg: string, colour: string): number {
  return svg.split(`fill="${colour}" stroke="#ffffff"`).length - 1;
}

describe('renderTrendChart', () => {
  it('is an image labelled by a title and a desc that summarise the trend', () => {
    const svg = renderTrendChart(twentyWeeks(), { id: 'chart-20w' });
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-labelledby="chart-20w-title chart-20w-desc"');
    expect(svg).toContain('viewBox="0 0 720 440" width="100%"');
    expect(between(svg, '<title id="chart-20w-title">', '</title>')).toBe(
      'New EHC plans issued within 20 weeks: Durham and England',
    );
    const desc = between(svg, '<desc id="chart-20w-desc">', '</desc>');
    // The desc spans the periods with values; the axis runs on to the target's year.
    expect(desc).toContain('Line chart from 2016 to 2024.');
    expect(desc).toContain(
      'Durham: 46.4% in 2024, down 3.9 points from 50.3% in 2023 (worse). Target 60% by March 2026: not met.',
    );
    expect(desc).toContain('Highest 52.0% in 2022; lowest 40.1% in 2021.');
    expect(desc).toContain('England: 46.4% in 2024.');
  });

  it('labels the value axis with the unit and draws the target as a dashed line and a marker', () => {
    const svg = renderTrendChart(twentyWeeks());
    expect(svg).toContain('>Percentage</text>');
    expect(svg).toContain('>60%</text>');
    expect(svg).toContain(`stroke="${SERIES_STYLES.target.colour}" stroke-width="2"`);
    expect(svg).toContain('stroke-dasharray="5 4"');
    // The target's financial-year date falls in calendar year 2026, added to the axis.
    expect(svg).toContain('>2026</text>');
    expect(svg).toContain('>Target 60% by March 2026</text>');
  });

  it('escapes every text it is given', () => {
    const hostile = '<script>alert("x")</script> & \'co\'';
    const svg = renderTrendChart(
      twentyWeeks({
        indicatorName: hostile,
        ours: { label: hostile, points: [{ period: '2024', value: 1 }] },
        benchmarks: [{ kind: 'region', label: '<b>North East</b>', points: [] }],
      }),
      { id: '"><script>' },
    );
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(svg).toContain('id="chart----script--title"');
  });

  it('leaves a gap for a missing period instead of drawing through it', () => {
    const svg = renderTrendChart(twentyWeeks({ target: null }));
    const englandLine = linePaths(svg).get(SERIES_STYLES.england.colour) ?? '';
    // 2016-2017, then 2019 alone (no 2018 or 2020), then 2021-2024: two drawn segments.
    expect(englandLine.match(/M/g)).toHaveLength(2);
    // Seven values plus the legend's sample marker.
    expect(markerCount(svg, SERIES_STYLES.england.colour)).toBe(8);
    expect(svg).toContain('>2018</text>');
  });

  it('says in the desc where our series has gaps', () => {
    const svg = renderTrendChart(
      twentyWeeks({
        benchmarks: [],
        target: null,
        ours: {
          label: 'Durham',
          points: [
            { period: '2020', value: 40 },
            { period: '2021', value: null },
            { period: '2023', value: 45 },
          ],
        },
      }),
    );
    expect(svg).toContain('No value for 2021 and 2022: the line has a gap.');
    expect(linePaths(svg).size).toBe(0);
    expect(markerCount(svg, SERIES_STYLES.ours.colour)).toBe(3); // and the legend's
  });

  it('draws one value as a lone marker in the middle', () => {
    const svg = renderTrendChart(
      twentyWeeks({
        benchmarks: [],
        target: null,
        ours: { label: 'Durham', points: [{ period: '2024', value: 46.4 }] },
      }),
    );
    expect(linePaths(svg).size).toBe(0);
    expect(svg).toMatch(/<circle cx="386" cy="[\d.]+" r="5" fill="#1d70b8"/);
    expect(between(svg, '<desc id="trend-chart-desc">', '</desc>')).toBe(
      'Line chart for 2024. Durham: 46.4% in 2024.',
    );
  });

  it('shows an empty frame and says so when there are no values', () => {
    const svg = renderTrendChart(
      twentyWeeks({ benchmarks: [], target: null, ours: { label: 'Durham', points: [] } }),
    );
    expect(svg).toContain('>No values yet</text>');
    expect(between(svg, '<desc id="trend-chart-desc">', '</desc>')).toBe(
      'No values have been recorded for New EHC plans issued within 20 weeks yet.',
    );
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('copes with negative values with a zero line', () => {
    const svg = renderTrendChart({
      indicatorName: 'Progress 8',
      unit: 'number',
      polarity: 'higher_is_better',
      frequency: 'academic_year',
      ours: {
        label: 'Area',
        points: [
          { period: '2022-23', value: -1.2 },
          { period: '2023-24', value: -0.8 },
        ],
      },
    });
    expect(svg).toContain('>-1.25</text>');
    expect(svg).toContain('>0.00</text>');
    // Below zero, the zero gridline is drawn dark.
    const zeroTick =
      /<line x1="76" y1="([\d.]+)" x2="696" y2="[\d.]+" stroke="([^"]+)"[^>]*>\n<text [^>]*>0\.00</.exec(
        svg,
      );
    expect(zeroTick?.[2]).toBe('#0b0c0c');
    expect(svg).toContain('>2023-24</text>');
    expect(svg).not.toContain('NaN');
  });

  it('copes with all-equal values, including all zero', () => {
    for (const value of [0, 7, -3]) {
      const svg = renderTrendChart({
        indicatorName: 'Permanent exclusions',
        unit: 'count',
        polarity: 'lower_is_better',
        frequency: 'annual',
        ours: {
          label: 'Area',
          points: [
            { period: '2023', value },
            { period: '2024', value },
          ],
        },
      });
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(linePaths(svg).get(SERIES_STYLES.ours.colour)).toMatch(
        /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/,
      );
    }
  });

  it('thins out period labels on a long monthly axis but keeps the latest', () => {
    const points = Array.from({ length: 36 }, (_, i) => ({
      period: `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      value: 10 + (i % 5),
    }));
    const svg = renderTrendChart({
      indicatorName: 'Autism assessment wait',
      unit: 'weeks',
      polarity: 'lower_is_better',
      frequency: 'monthly',
      ours: { label: 'Area', points },
    });
    const labels = [...svg.matchAll(/>([A-Z][a-z]{2} \d{4})<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(36);
    expect(labels.at(-1)).toBe('Dec 2024');
    expect(svg).toContain('>Weeks</text>');
  });

  it('distinguishes each benchmark by dash pattern and marker, not only colour', () => {
    const styles = Object.values(SERIES_STYLES);
    expect(new Set(styles.map((s) => s.dash)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.marker)).size).toBe(styles.length);
    const svg = renderTrendChart(
      twentyWeeks({
        benchmarks: [
          { kind: 'england', points: ENGLAND },
          {
            kind: 'region',
            label: 'North East',
            points: ENGLAND.map((p) => ({ ...p, value: (p.value ?? 0) + 2 })),
          },
          {
            kind: 'statistical_neighbours',
            points: ENGLAND.map((p) => ({ ...p, value: (p.value ?? 0) - 2 })),
          },
        ],
      }),
    );
    expect(svg).toContain('>North East</text>');
    expect(svg).toContain('>Statistical neighbours</text>');
    expect(svg).toContain('stroke-dasharray="12 5 2 5"');
    expect(svg).toContain('<path d="M'); // triangles and diamonds are paths
  });

  it('describes academic years in words', () => {
    const svg = renderTrendChart({
      indicatorName: 'KS2',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'academic_year',
      ours: {
        label: 'Area',
        points: [
          { period: '2021/22', value: 20 },
          { period: '2023/24', value: 21 },
        ],
      },
    });
    expect(between(svg, '<desc id="trend-chart-desc">', '</desc>')).toBe(
      'Line chart from the 2021 to 2022 academic year to the 2023 to 2024 academic year. Area: 21.0% in the 2023 to 2024 academic year, up 1.0 points from 20.0% in the 2021 to 2022 academic year (better). No value for the 2022 to 2023 academic year: the line has a gap.',
    );
  });

  it('refuses a series with two values for one period', () => {
    expect(() =>
      renderTrendChart(
        twentyWeeks({
          ours: {
            label: 'Durham',
            points: [
              { period: '2024', value: 1 },
              { period: '2024', value: 2 },
            ],
          },
        }),
      ),
    ).toThrow('Durham has two values for 2024');
  });

  it('property: any series renders without NaN and with every text escaped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
          maxLength: 30,
        }),
        fc.string({ unit: 'binary' }),
        (values, label) => {
          const svg = renderTrendChart({
            indicatorName: label,
            unit: 'number',
            polarity: 'neither',
            frequency: 'monthly',
            ours: {
              label,
              points: values.map((value, i) => ({
                period: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
                value,
              })),
            },
          });
          expect(svg).not.toMatch(/NaN|Infinity/);
          expect(svg).toContain(
            `<title id="trend-chart-title">${escapeXml(`${label}: ${label}`)}</title>`,
          );
          // No markup can come from the label: every < in the output opens a known element.
          for (const tag of svg.matchAll(/<\/?([a-z]+)/g)) {
            expect(['svg', 'title', 'desc', 'rect', 'line', 'circle', 'path', 'text']).toContain(
              tag[1],
            );
          }
        },
      ),
    );
  }, 30_000); // Hundreds of random charts: give a busy CI machine time.
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(escapeXml('a\u0000b\u001Fc\td')).toBe('abc\td');
    expect(escapeXml('\uD800x')).toBe('\uFFFDx');
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('colours', () => {
  it('meet 3:1 non-text contrast against white', () => {
    for (const style of Object.values(SERIES_STYLES)) {
      expect(contrastRatio(style.colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    expect(contrastRatio('#f47738', '#ffffff')).toBeLessThan(3); // why orange is left out
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});

describe('trendTable', () => {
  it('gives the chart data as rows for a GOV.UK table', () => {
    const table = trendTable(twentyWeeks());
    expect(table.caption).toBe('New EHC plans issued within 20 weeks: values by period');
    expect(table.head).toEqual([
      { text: 'Period' },
      { text: 'Durham', format: 'numeric' },
      { text: 'England', format: 'numeric' },
      { text: 'Target (by March 2026)', format: 'numeric' },
    ]);
    expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['2016', NO_VALUE_TEXT, '58.6%', '60%'],
      ['2017', NO_VALUE_TEXT, '64.9%', '60%'],
      ['2019', NO_VALUE_TEXT, '60.4%', '60%'],
      ['2021', '40.1%', '59.9%', '60%'],
      ['2022', '52.0%', '49.2%', '60%'],
      ['2023', '50.3%', '50.3%', '60%'],
      ['2024', '46.4%', '46.4%', '60%'],
    ]);
    expect(table.data.at(-1)).toMatchObject({ ours: 46.4, benchmarks: [46.4], target: 60 });
  });

  it('has only the period and our column with no benchmarks or target, and no rows without values', () => {
    const table = trendTable(
      twentyWeeks({ benchmarks: [], target: null, ours: { label: 'Durham', points: [] } }),
    );
    expect(table.head).toEqual([{ text: 'Period' }, { text: 'Durham', format: 'numeric' }]);
    expect(table.rows).toEqual([]);
  });

  it('labels academic years in words', () => {
    const table = trendTable({
      indicatorName: 'KS2',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'academic_year',
      ours: { label: 'Area', points: [{ period: '2023/24', value: 21 }] },
    });
    expect(table.rows).toEqual([[{ text: '2023 to 2024' }, { text: '21.0%', format: 'numeric' }]]);
  });
});
