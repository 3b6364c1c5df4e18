import { describe, expect, it } from 'vitest';
import type { PlanDocumentSource } from '../plans/index.js';
import type { Block } from './document-model.js';
import { planDocument } from './plan-document.js';

const action = (number: string, title: string, extra: object = {}) => ({
  id: title,
  number,
  title,
  description: '',
  category: 'operational',
  lead: 'Lee Lead',
  leadOrganisation: 'Northshire Council',
  startDate: null,
  dueDate: '2026-03-31',
  measures: [],
  ...extra,
});

const source: PlanDocumentSource = {
  plan: {
    id: 'p',
    kind: 'strategic',
    status: 'draft',
    title: 'Post Ofsted Action Plan',
    ownerName: null,
  },
  inspectionTitle: null,
  version: null,
  findings: [],
  snapshot: {
    title: 'Post Ofsted Action Plan',
    status: 'draft',
    priorities: [
      { id: 'own', number: 1, title: 'Wider improvement', description: '', findingIds: [] },
      {
        id: 'wsoa1',
        number: 1,
        title: 'EHC plans',
        description: '',
        findingIds: [],
        includedFrom: 'WSoA',
      },
    ],
    actions: [
      action('1.1', 'Refresh the strategy'),
      action('3.2', 'Carried on', { includedFrom: 'WSoA', underPriority: 1 }),
      action('1.1', 'Recruit coordinators', { includedFrom: 'WSoA' }),
    ],
  },
};

const tables = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === 'table' ? [[b.caption, b.rows.map((r) => r[0])]] : []));

describe('planDocument', () => {
  it('puts each action under the priority the plan shows it, own and included alike', () => {
    const doc = planDocument(source, { partnershipName: 'Northshire', generatedOn: '2026-12-07' });
    expect(tables(doc.blocks)).toEqual([
      ['Actions of priority 1', ['1.1', '3.2 (from WSoA)']],
      ['Actions of priority 1', ['1.1 (from WSoA)']],
    ]);
    expect(doc.blocks).toContainEqual({
      kind: 'subheading',
      text: 'Priority 1 of WSoA: EHC plans',
    });
  });

  it('numbers sections and their paragraphs as committee reports do', () => {
    const doc = planDocument(source, { partnershipName: 'Northshire', generatedOn: '2026-12-07' });
    const numbered = doc.blocks.flatMap((b) =>
      b.kind === 'section' ? [b.number] : b.kind === 'paragraph' && b.number ? [b.number] : [],
    );
    expect(numbered.slice(0, 4)).toEqual(['1', '1.1', '1.2', '1.3']);
    expect(doc.blocks[1]).toEqual({
      kind: 'paragraph',
      number: '1.1',
      text: 'This is the SEND strategic plan of Northshire.',
    });
    expect(doc.subtitle).toEqual(['Northshire', 'SEND strategic plan', 'As at 7 December 2026']);
  });
});
