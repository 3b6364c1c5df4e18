/**
 * Which earlier finding a revisit letter's finding judges: letters restate each weakness,
 * usually in the original words, sometimes shortened or lightly reworded. The best match by
 * shared words, if it shares enough, is proposed; the admin checks it on the check page. Pure.
 */

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the their there this to was were which with'.split(
    ' ',
  ),
);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[’']/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w)),
  );
}

/** How alike two findings' words are, from 0 to 1 (shared words over the shorter's). */
export function likeness(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size);
}

/** The id of the earlier finding this text most likely restates, or '' when none is close. */
export function matchJudged(
  text: string,
  earlier: readonly { id: string; text: string }[],
  threshold = 0.6,
): string {
  let best = { id: '', score: threshold };
  for (const candidate of earlier) {
    const score = likeness(text, candidate.text);
    if (score >= best.score && (best.id === '' || score > best.score))
      best = { id: candidate.id, score };
  }
  return best.id;
}
