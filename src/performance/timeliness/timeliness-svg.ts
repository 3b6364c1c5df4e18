// A simple horizontal bar chart drawn on the server as SVG: one bar per category with its count and
// share written beside it, so the numbers never depend on reading the bar's length. The chart is
// an image (role="img") named by its title and described in words; the page shows the same
// figures as a table under it.
import { escapeXml } from '../indicators/index.js';

export interface Bar {
  label: string;
  count: number;
}

const WIDTH = 720;
const ROW = 44;
const TOP = 16;
const LABEL_WIDTH = 230;
const BAR_LEFT = LABEL_WIDTH + 10;
const BAR_MAX = WIDTH - BAR_LEFT - 170;
const TEXT_COLOUR = '#0b0c0c';
/** GOV.UK blue: 5.2:1 against white. */
const BAR_COLOUR = '#1d70b8';
const AXIS_COLOUR = '#505a5f';
const FONT = 'font-family="GDS Transport, arial, sans-serif"';

function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `chart-${cleaned}`;
}

function percentText(count: number, total: number): string {
  return total > 0 ? `${((count / total) * 100).toFixed(1)}%` : '–';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Bars for counts that make up a whole (the bands of issued plans, say): each with its count and
 * its share of the total. `noun` names what is counted, in the plural ("plans").
 */
export function renderBarChart(
  bars: readonly Bar[],
  options: { id: string; title: string; noun: string },
): string {
  const id = safeId(options.id);
  const total = bars.reduce((sum, b) => sum + b.count, 0);
  const largest = Math.max(0, ...bars.map((b) => b.count));
  const height = TOP * 2 + Math.max(1, bars.length) * ROW;
  const desc =
    total === 0
      ? `Bar chart: no ${options.noun} to show.`
      : `Bar chart of ${total.toLocaleString('en-GB')} ${options.noun}: ` +
        bars
          .map(
            (b) => `${b.label} ${b.count.toLocaleString('en-GB')} (${percentText(b.count, total)})`,
          )
          .join('; ') +
        '.';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-bar-chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" ${FONT} font-size="16">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
  ];
  bars.forEach((bar, i) => {
    const y = TOP + i * ROW;
    const length = largest > 0 ? Math.round((bar.count / largest) * BAR_MAX * 10) / 10 : 0;
    out.push(
      `<text x="${LABEL_WIDTH}" y="${y + ROW / 2}" dy="0.35em" text-anchor="end" fill="${TEXT_COLOUR}">${escapeXml(truncate(bar.label, 28))}</text>`,
    );
    if (length > 0) {
      out.push(
        `<rect x="${BAR_LEFT}" y="${y + 8}" width="${length}" height="${ROW - 16}" fill="${BAR_COLOUR}"/>`,
      );
    }
    out.push(
      `<text x="${BAR_LEFT + length + 8}" y="${y + ROW / 2}" dy="0.35em" fill="${TEXT_COLOUR}">${escapeXml(`${bar.count.toLocaleString('en-GB')} (${percentText(bar.count, total)})`)}</text>`,
    );
  });
  out.push(
    `<line x1="${BAR_LEFT}" y1="${TOP}" x2="${BAR_LEFT}" y2="${height - TOP}" stroke="${AXIS_COLOUR}" stroke-width="1"/>`,
    '</svg>',
  );
  return out.join('\n');
}
