import { describe, expect, it } from 'vitest';
import { likeness, matchJudged } from './judgement-links.js';

const earlier = [
  { id: 'w1', text: 'The lack of strategic leadership and vision across the partnership.' },
  { id: 'w2', text: 'Weak joint commissioning arrangements that are not well developed.' },
  { id: 'w3', text: 'The poor quality of education, health and care (EHC) plans.' },
];

describe('matching a revisit’s finding to the weakness it judges', () => {
  it('finds the weakness a letter restates, word for word or shortened', () => {
    expect(matchJudged('The poor quality of education, health and care (EHC) plans', earlier)).toBe(
      'w3',
    );
    expect(matchJudged('weak joint commissioning arrangements', earlier)).toBe('w2');
    expect(matchJudged('Lack of strategic leadership and vision', earlier)).toBe('w1');
  });

  it('proposes nothing for a finding no earlier one resembles', () => {
    expect(matchJudged('Children wait too long for speech and language therapy', earlier)).toBe('');
    expect(matchJudged('', earlier)).toBe('');
    expect(likeness('The the of', 'and a an')).toBe(0);
  });
});
