import { describe, expect, it } from 'vitest';
import {
  describeChange,
  entityTypeChoices,
  idsToResolve,
  shorten,
  type AuditEntryInput,
  type Names,
} from './describe-change.js';
import { humaniseKey } from './audit-words.js';
import { redact } from '../platform/audit/redact.js';

const LEAD = '11111111-1111-4111-8111-111111111111';
const CONTRIBUTOR = '22222222-2222-4222-8222-222222222222';
const ACTION = '33333333-3333-4333-8333-333333333333';
const PRIORITY = '44444444-4444-4444-8444-444444444444';
const PLAN = '55555555-5555-4555-8555-555555555555';
const GONE = '99999999-9999-4999-8999-999999999999';

const names: Names = {
  person: new Map([
    [LEAD, { name: 'Lee Lead' }],
    [CONTRIBUTOR, { name: 'Cara Contributor' }],
  ]),
  action: new Map([[ACTION, { name: 'Agree terms of reference', number: '1.2' }]]),
  priority: new Map([[PRIORITY, { name: 'Leadership', number: '1' }]]),
  plan: new Map([[PLAN, { name: 'Written statement of action' }]]),
};

const entry = (e: Partial<AuditEntryInput>): AuditEntryInput => ({
  entityType: 'action',
  entityId: null,
  action: 'update',
  actorName: 'Alex Admin',
  before: null,
  after: null,
  ...e,
});

/** The field lines as "Label: before → after", "Label: value" for one side. */
const lines = (d: ReturnType<typeof describeChange>) =>
  d.fields.map((f) =>
    f.before && f.after
      ? `${f.label}: ${f.before.text} → ${f.after.text}`
      : `${f.label}: ${(f.before ?? f.after)!.text}`,
  );

describe('describing an audit entry', () => {
  it('says who changed which action, and only the fields that changed, by name', () => {
    // An edit records the action's row before and the form's values after (camelCase).
    const d = describeChange(
      entry({
        entityId: ACTION,
        before: {
          id: ACTION,
          plan_id: PLAN,
          priority_id: PRIORITY,
          title: 'Agree terms of reference',
          lead_user_id: LEAD,
          lead_name: 'Lee Lead',
          due_date: '2026-03-03',
          partner_ids: [],
          version: 3,
        },
        after: {
          priorityId: PRIORITY,
          title: 'Agree terms of reference',
          leadUserId: CONTRIBUTOR,
          dueDate: '2026-04-30',
          partnerIds: [],
        },
      }),
      names,
    );
    expect(d.typeLabel).toBe('Action');
    expect(d.summary).toBe('Alex Admin changed action 1.2 ‘Agree terms of reference’');
    expect(lines(d)).toEqual([
      'Lead: Lee Lead → Cara Contributor',
      'Due date: 3 March 2026 → 30 April 2026',
    ]);
    expect(d.unchanged).toBe(3);
    expect(d.alsoRecordedBefore).toBe(4);
  });

  it('names a deleted census from what was recorded, with dates, numbers and blanks in words', () => {
    const d = describeChange(
      entry({
        entityType: 'census',
        entityId: GONE,
        action: 'delete',
        before: {
          label: 'Spring 2025',
          censusDate: '2025-01-16',
          source: 'school-level',
          schools: 212,
          pupils: null,
        },
      }),
      names,
    );
    expect(d.typeLabel).toBe('School census');
    expect(d.summary).toBe('Alex Admin deleted census ‘Spring 2025’');
    expect(lines(d)).toEqual([
      'Label: Spring 2025',
      'Census date: 16 January 2025',
      'Source: school-level',
      'Schools: 212',
      'Pupils: (blank)',
    ]);
    expect(d.fields.every((f) => f.before && !f.after)).toBe(true);
  });

  it('uses the words for coded values and Yes/No for booleans', () => {
    const d = describeChange(
      entry({
        entityType: 'finding',
        action: 'create',
        after: {
          type: 'significant_weakness',
          question: 'identify',
          text: 'Waits for assessment are too long',
          sufficientProgress: false,
        },
      }),
    );
    expect(d.summary).toBe('Alex Admin created finding ‘Waits for assessment are too long’');
    expect(lines(d)).toEqual([
      'Finding: Waits for assessment are too long',
      'Type: Area of significant weakness',
      'Inspection question: Identifying children and young people’s needs',
      'Sufficient progress: No',
    ]);
  });

  it('falls back to "(deleted)" and the short id for a record that is gone', () => {
    const d = describeChange(
      entry({ entityId: GONE, action: 'move', after: { direction: 'up', toPriorityId: GONE } }),
      names,
    );
    expect(d.summary).toBe('Alex Admin moved action (deleted) 99999999');
    expect(lines(d)).toEqual(['To priority: (deleted) 99999999', 'Direction: up']);
  });

  it('keeps unknown keys under a humanised label, and never drops one', () => {
    const d = describeChange(
      entry({
        entityType: 'widget',
        action: 'recalibrate',
        actorName: null,
        after: { someNewThing: 4, another_key: 'x', plan_id: PLAN },
      }),
      names,
    );
    expect(d.typeLabel).toBe('Widget');
    expect(d.summary).toBe('Sendboard: recalibrate (widget)');
    expect(lines(d)).toEqual([
      'Plan: Written statement of action',
      'Some new thing: 4',
      'Another key: x',
    ]);
    expect(humaniseKey('leadUserId')).toBe('Lead user id');
    expect(humaniseKey('plan_id')).toBe('Plan id');
  });

  it('lists nested values field by field, and lists of records one to a line', () => {
    const settings = describeChange(
      entry({
        entityType: 'settings',
        before: { rules: { wsoaWorkingDays: 70, sources: { wsoa: 'Code of practice' } } },
        after: { rules: { wsoaWorkingDays: 75, sources: { wsoa: 'Code of practice' } } },
      }),
    );
    expect(settings.summary).toBe('Alex Admin changed the settings');
    expect(lines(settings)).toEqual(['Deadline rules › WSoA working days: 70 → 75']);
    expect(settings.unchanged).toBe(1);

    const figures = describeChange(
      entry({
        entityType: 'indicator',
        action: 'record values from EHC cases',
        after: {
          code: 'EHC20',
          values: [
            { period: '2024', value: 51.5 },
            { period: '2025', value: null },
          ],
        },
      }),
    );
    expect(figures.summary).toBe('Alex Admin recorded values of indicator ‘EHC20’ from EHC cases');
    expect(lines(figures)).toEqual([
      'Code: EHC20',
      'Values: Period: 2024; Value: 51.5\nPeriod: 2025; Value: (blank)',
    ]);
  });

  it('shortens long text, keeping the whole of it to show', () => {
    const long = `${'The board will meet monthly to agree '.repeat(8)}the end.`;
    const shown = shorten(long);
    expect(shown.text.length).toBeLessThanOrEqual(121);
    expect(shown.text.endsWith('…')).toBe(true);
    expect(shown.full).toBe(long);
    expect(shorten('Short')).toEqual({ text: 'Short' });
    const d = describeChange(entry({ action: 'create', after: { description: long } }));
    expect(d.fields[0]!.after).toEqual(shown);
  });

  it('says which person an entry is about by name, and who was added to an organisation', () => {
    expect(
      describeChange(
        entry({
          entityType: 'person',
          entityId: LEAD,
          action: 'change role',
          before: { role: 'lead' },
          after: { role: 'admin' },
        }),
        names,
      ),
    ).toMatchObject({
      summary: 'Alex Admin changed the role of Lee Lead',
      fields: [
        { label: 'Role', before: { text: 'Action lead' }, after: { text: 'Partnership admin' } },
      ],
    });
    expect(
      describeChange(
        entry({
          entityType: 'organisation',
          action: 'add member',
          entityId: GONE,
          after: { user_id: CONTRIBUTOR },
        }),
        names,
      ).summary,
    ).toBe('Alex Admin added Cara Contributor to organisation (deleted) 99999999');
    expect(
      describeChange(
        entry({
          entityType: 'action update',
          action: 'create',
          before: { status: 'on_track', rag: 'green' },
          after: { action_id: ACTION, status: 'at_risk', rag: 'amber' },
        }),
        names,
      ),
    ).toMatchObject({
      summary: 'Alex Admin added a progress update to action 1.2 ‘Agree terms of reference’',
      fields: [
        { label: 'Progress status', before: { text: 'On track' }, after: { text: 'At risk' } },
        { label: 'RAG rating', before: { text: 'Green' }, after: { text: 'Amber' } },
        { label: 'Action', before: { text: '(not recorded)' } },
      ],
    });
  });

  it('shows no secret, even one recorded before secrets were redacted at every depth', () => {
    const d = describeChange(
      entry({
        entityType: 'person',
        action: 'update',
        before: { name: 'Lee', password_hash: 'scrypt$abc' },
        after: {
          name: 'Lee',
          passwordHash: '[redacted]',
          nested: { token: 'live-token', tokenHash: 'hash-1', clientSecret: 's3' },
          list: [{ password: 'hunter2' }],
        },
      }),
    );
    const everything = JSON.stringify(d);
    for (const secret of ['scrypt$abc', 'live-token', 'hash-1', 's3', 'hunter2'])
      expect(everything).not.toContain(secret);
    expect(lines(d)).toContain('Nested › Token: (not recorded) → (secret: not recorded)');
    // Redacted on both sides reads as unchanged: the entry's action says what happened to it.
    expect(d.unchanged).toBe(2);
    expect(d.recorded.after).toMatchObject({ nested: { token: '[redacted]' } });
  });

  it('redacts at write time at any depth, leaving other values and dates alone', () => {
    const at = new Date('2026-03-03T10:00:00Z');
    expect(
      redact({ name: 'A', at, password: 'p', nested: [{ token_hash: 'h', keep: 1 }] }),
    ).toEqual({
      name: 'A',
      at,
      password: '[redacted]',
      nested: [{ token_hash: '[redacted]', keep: 1 }],
    });
  });

  it('collects each id once per kind, from the entry and its values at any depth', () => {
    const ids = idsToResolve([
      entry({ entityId: ACTION, after: { leadUserId: LEAD, partnerIds: [GONE] } }),
      entry({
        entityType: 'priority',
        entityId: PRIORITY,
        after: { plan_id: PLAN, findingIds: [GONE, 'not-an-id'] },
      }),
      entry({ entityType: 'census', entityId: GONE, before: { lead_user_id: LEAD } }),
    ]);
    expect(ids).toEqual({
      person: [LEAD],
      organisation: [GONE],
      action: [ACTION],
      finding: [GONE],
      priority: [PRIORITY],
      plan: [PLAN],
      inspection: [],
      indicator: [],
      round: [],
      board: [],
    });
  });

  it('offers entity types by their names, in the order of the names', () => {
    expect(entityTypeChoices(['data_import', 'action update', 'action', 'note'])).toEqual([
      { value: 'action', text: 'Action' },
      { value: 'action update', text: 'Action update' },
      { value: 'data_import', text: 'Data import' },
      { value: 'note', text: 'Note' },
    ]);
  });
});

describe('describing signing in and restores', () => {
  it('says who signed in or out, a refused sign-in with the address tried and why', () => {
    expect(
      describeChange(
        entry({ entityType: 'person', entityId: LEAD, action: 'sign in', actorName: 'Lee Lead' }),
        names,
      ).summary,
    ).toBe('Lee Lead signed in');
    expect(
      describeChange(
        entry({ entityType: 'person', entityId: LEAD, action: 'sign out', actorName: 'Lee Lead' }),
        names,
      ).summary,
    ).toBe('Lee Lead signed out');
    const refused = describeChange(
      entry({
        entityType: 'person',
        entityId: LEAD,
        action: 'refuse sign-in',
        actorName: 'Sendboard',
        after: { email_tried: 'lee@northshire.example', reason: 'wrong password' },
      }),
      names,
    );
    expect(refused.summary).toBe('Sendboard refused a sign-in as Lee Lead');
    expect(lines(refused)).toEqual([
      'Email address tried: lee@northshire.example',
      'Why it was refused: Wrong password',
    ]);
  });

  it('says a partnership was restored from a backup, when it was made and how many rows', () => {
    const d = describeChange(
      entry({
        entityType: 'partnership',
        entityId: PLAN,
        action: 'restore from backup',
        actorName: 'Sendboard command line',
        after: {
          name: 'Northshire SEND Partnership',
          backup_created_at: '2026-03-01T09:00:00.000Z',
          rows: 412,
        },
      }),
    );
    expect(d.summary).toBe(
      'Sendboard command line restored partnership ‘Northshire SEND Partnership’ from a backup',
    );
    expect(lines(d)).toContain('Rows restored: 412');
  });
});
