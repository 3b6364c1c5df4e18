/**
 * One audit entry in words a council officer or an inspector can read: a sentence saying who did
 * what to which record, and each recorded field with its label and its value before and after.
 * Faithful to the record: every recorded value is shown or counted (an unknown key under a
 * humanised label), and the raw data stays on the page beside it. Pure: the names of records an
 * entry refers to by id are looked up beforehand (see idsToResolve) and passed in.
 */
import { formatDate, formatDateTime } from '../platform/web/views.js';
import { actionNumber } from '../plans/index.js';
import { inspectionTitle, type InspectionKind } from '../inspections/index.js';
import {
  canonicalKey,
  entityNoun,
  entityTypeLabel,
  fieldLabel,
  fieldRank,
  valueLabel,
} from './audit-words.js';
import { REDACTED, redact } from '../platform/audit/redact.js';

export type AuditEntryInput = {
  entityType: string;
  entityId: string | null;
  action: string;
  actorName: string | null;
  before: unknown;
  after: unknown;
};

/** The kinds of record an entry may name by id, and whose names are looked up for the page. */
export const ID_KINDS = [
  'person',
  'organisation',
  'action',
  'finding',
  'priority',
  'plan',
  'inspection',
  'indicator',
  'round',
  'board',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** A record as it is now: its name (or title, or text) and, for actions and priorities, number. */
export type KnownRecord = { name: string; number?: string };
export type Names = Partial<Record<IdKind, ReadonlyMap<string, KnownRecord>>>;

/** A value as shown: short enough for the table; `full` holds the whole text when it was cut. */
export type ShownValue = { text: string; full?: string };

/** One recorded field: both sides for an edit, `after` alone for a new record, `before` alone for a removed one. */
export type FieldLine = { label: string; before?: ShownValue; after?: ShownValue };

export type DescribedChange = {
  typeLabel: string;
  summary: string;
  fields: FieldLine[];
  /** Fields of an edit that were recorded with the same value on both sides. */
  unchanged: number;
  /** Values recorded before an edit that the edit itself did not name (the record as it stood). */
  alsoRecordedBefore: number;
  /** The data as recorded, secrets redacted once more, for the "recorded data" details. */
  recorded: { before: unknown; after: unknown };
};

/** Which recorded keys hold ids of which kind of record (keys in snake_case, see canonicalKey). */
const ID_KEYS: Record<string, IdKind> = {
  user_id: 'person',
  lead_user_id: 'person',
  owner_user_id: 'person',
  author_user_id: 'person',
  created_by: 'person',
  organisation_id: 'organisation',
  lead_organisation_id: 'organisation',
  partner_ids: 'organisation',
  action_id: 'action',
  action_ids: 'action',
  parent_action_id: 'action',
  finding_id: 'finding',
  finding_ids: 'finding',
  priority_id: 'priority',
  to_priority_id: 'priority',
  plan_id: 'plan',
  plan_ids: 'plan',
  inspection_id: 'inspection',
  indicator_id: 'indicator',
  round_id: 'round',
  escalated_to_board_id: 'board',
};

/** Entity types whose entry's own id is a record whose name can be looked up. */
const ENTITY_ID_KINDS: Record<string, IdKind> = {
  person: 'person',
  organisation: 'organisation',
  action: 'action',
  finding: 'finding',
  priority: 'priority',
  plan: 'plan',
  inspection: 'inspection',
  indicator: 'indicator',
  'update round': 'round',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Longer than this, a value is cut to SHORT_LENGTH with the whole text a click away. */
const LONG_TEXT = 160;
const SHORT_LENGTH = 120;
const NAME_LENGTH = 80;

export const BLANK = '(blank)';
export const NOT_RECORDED = '(not recorded)';
export const SECRET = '(secret: not recorded)';

type Leaf = { path: string[]; value: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Nested objects become one field per value: settings' `rules.wsoaWorkingDays` is its own line.
 * Each level is listed in reading order (see fieldRank).
 */
function leaves(value: unknown, path: string[] = []): Leaf[] {
  if (!isPlainObject(value) || (path.length > 0 && Object.keys(value).length === 0))
    return [{ path, value }];
  return Object.entries(value)
    .map(([k, v], i) => ({ k, v, rank: fieldRank(k), i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .flatMap(({ k, v }) => leaves(v, [...path, k]));
}

const pathKey = (path: string[]) => path.map(canonicalKey).join('.');
/** The key that says what a value is: the last that is not a number (an array index or a code). */
const meaningKey = (path: string[]) => [...path].reverse().find((k) => !/^\d+$/.test(k)) ?? '';

/** Every id an entry names, by kind: the page looks each kind up once for all its entries. */
export function idsToResolve(entries: readonly AuditEntryInput[]): Record<IdKind, string[]> {
  const found = Object.fromEntries(ID_KINDS.map((k) => [k, new Set<string>()])) as Record<
    IdKind,
    Set<string>
  >;
  const visit = (value: unknown, key: string | undefined): void => {
    const kind = key === undefined ? undefined : ID_KEYS[canonicalKey(key)];
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    } else if (kind && typeof value === 'string' && UUID.test(value)) {
      found[kind].add(value.toLowerCase());
    }
  };
  for (const e of entries) {
    const kind = ENTITY_ID_KINDS[e.entityType];
    if (kind && e.entityId && UUID.test(e.entityId)) found[kind].add(e.entityId.toLowerCase());
    visit(e.before, undefined);
    visit(e.after, undefined);
  }
  return Object.fromEntries(ID_KINDS.map((k) => [k, [...found[k]].sort()])) as Record<
    IdKind,
    string[]
  >;
}

const shortId = (id: string) => id.slice(0, 8);
const deleted = (id: string) => `(deleted) ${shortId(id)}`;

function knownText(record: KnownRecord): string {
  return record.number ? `${record.number} ${record.name}` : record.name;
}

function nameOf(names: Names, kind: IdKind, id: string): string {
  const record = names[kind]?.get(id.toLowerCase());
  return record ? knownText(record) : deleted(id);
}

/** One value in words, with the key it was recorded under for its labels and ids. */
function formatValue(entityType: string, key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return BLANK;
  if (value === REDACTED) return SECRET;
  const canon = canonicalKey(key);
  const idKind = ID_KEYS[canon];
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    const items = value.map((v) => formatValue(entityType, key, v, names));
    return value.some(isPlainObject) ? items.join('\n') : items.join(', ');
  }
  if (isPlainObject(value)) {
    const parts = Object.entries(value).map(
      ([k, v]) =>
        `${fieldLabel(entityType, k)}: ${formatValue(entityType, /^\d+$/.test(k) ? key : k, v, names)}`,
    );
    return parts.length ? parts.join('; ') : '(none)';
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return valueLabel(entityType, key, String(value)) ?? String(value);
  if (typeof value !== 'string') return String(value);
  if (idKind && UUID.test(value)) return nameOf(names, idKind, value);
  const label = valueLabel(entityType, key, value);
  if (label) return label;
  if (ISO_DATE.test(value)) return formatDate(value);
  if (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
  return value;
}

/** Long text is cut at a word for the table; the whole of it goes in `full`. */
export function shorten(text: string): ShownValue {
  if (text.length <= LONG_TEXT) return { text };
  const start = text.slice(0, SHORT_LENGTH).replace(/\s+/g, ' ');
  const lastSpace = start.lastIndexOf(' ');
  const cut = lastSpace > SHORT_LENGTH / 2 ? start.slice(0, lastSpace) : start;
  return { text: `${cut.trimEnd()}…`, full: text };
}

const shown = (entityType: string, leaf: Leaf, names: Names): ShownValue =>
  shorten(formatValue(entityType, meaningKey(leaf.path), leaf.value, names));

function labelOf(entityType: string, path: string[]): string {
  if (path.length === 0) return 'Value';
  return path.map((k) => fieldLabel(entityType, k)).join(' › ');
}

/** The same value, whichever order an id list was recorded in and whatever the key's spelling. */
function sameValue(key: string, a: unknown, b: unknown): boolean {
  const normal = (v: unknown) =>
    Array.isArray(v) && ID_KEYS[canonicalKey(key)] ? [...(v as unknown[])].map(String).sort() : v;
  return JSON.stringify(normal(a ?? null)) === JSON.stringify(normal(b ?? null));
}

function fieldLines(
  entityType: string,
  before: unknown,
  after: unknown,
  names: Names,
): Pick<DescribedChange, 'fields' | 'unchanged' | 'alsoRecordedBefore'> {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  const beforeLeaves = hasBefore ? leaves(before) : [];
  const afterLeaves = hasAfter ? leaves(after) : [];
  if (!hasBefore || !hasAfter) {
    return {
      fields: (hasBefore ? beforeLeaves : afterLeaves).map((leaf): FieldLine => {
        const label = labelOf(entityType, leaf.path);
        const value = shown(entityType, leaf, names);
        return hasBefore ? { label, before: value } : { label, after: value };
      }),
      unchanged: 0,
      alsoRecordedBefore: 0,
    };
  }
  const byKey = new Map(beforeLeaves.map((leaf) => [pathKey(leaf.path), leaf]));
  const matched = new Set<string>();
  const fields: FieldLine[] = [];
  let unchanged = 0;
  for (const leaf of afterLeaves) {
    const key = pathKey(leaf.path);
    const was = byKey.get(key);
    if (was) matched.add(key);
    if (was && sameValue(meaningKey(leaf.path), was.value, leaf.value)) {
      unchanged++;
      continue;
    }
    fields.push({
      label: labelOf(entityType, leaf.path),
      before: was ? shown(entityType, was, names) : { text: NOT_RECORDED },
      after: shown(entityType, leaf, names),
    });
  }
  return { fields, unchanged, alsoRecordedBefore: byKey.size - matched.size };
}

/** A recorded top-level value under any spelling of one of these keys, first found after then before. */
function recordedText(
  sides: readonly unknown[],
  keys: readonly string[],
): { key: string; value: string } | undefined {
  for (const key of keys)
    for (const side of sides) {
      if (!isPlainObject(side)) continue;
      for (const [k, v] of Object.entries(side))
        if (canonicalKey(k) === key && typeof v === 'string' && v.trim() && v !== REDACTED)
          return { key, value: v };
    }
  return undefined;
}

const clip = (text: string) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > NAME_LENGTH ? `${one.slice(0, NAME_LENGTH - 1).trimEnd()}…` : one;
};
const quoted = (text: string) => `‘${clip(text)}’`;

const NAME_KEYS = ['title', 'name', 'label', 'subject', 'text', 'file_name', 'code'];

/** "action 1.2 ‘Agree terms of reference’", "census ‘Spring 2025’", "Dana Designated". */
function referenceTo(entry: AuditEntryInput, names: Names, sides: readonly unknown[]): string {
  const noun = entityNoun(entry.entityType);
  const kind = ENTITY_ID_KINDS[entry.entityType];
  const known = kind && entry.entityId ? names[kind]?.get(entry.entityId.toLowerCase()) : undefined;
  let name = recordedText(sides, NAME_KEYS)?.value ?? known?.name;
  let number = known?.number;
  if (entry.entityType === 'inspection') {
    const kindOf = recordedText(sides, ['kind'])?.value;
    if (kindOf && ['initial', 'revisit', 'full', 'monitoring'].includes(kindOf))
      name = inspectionTitle({
        kind: kindOf as InspectionKind,
        published_on: recordedText(sides, ['published_on'])?.value ?? null,
        on_site_start: recordedText(sides, ['on_site_start'])?.value ?? null,
      });
  }
  if (entry.entityType === 'action' && !number) number = recordedActionNumber(sides);
  if (entry.entityType === 'person')
    return name ? clip(name) : entry.entityId ? `person ${deleted(entry.entityId)}` : 'a person';
  const numbered = number ? ` ${number}` : '';
  if (name) return `${noun}${numbered} ${quoted(name)}`;
  if (kind && entry.entityId) return `${noun} ${deleted(entry.entityId)}`;
  return noun;
}

/** A deleted action's number, from the row recorded before it went. */
function recordedActionNumber(sides: readonly unknown[]): string | undefined {
  for (const side of sides) {
    if (!isPlainObject(side)) continue;
    const { priority_position, position, parent_position } = side;
    if (typeof priority_position === 'number' && typeof position === 'number')
      return actionNumber({
        priority_position,
        position,
        parent_position: typeof parent_position === 'number' ? parent_position : null,
      });
  }
  return undefined;
}

type PhraseContext = {
  /** The record a recorded id names, as a reference: "action 1.2 ‘…’", "Dana Designated". */
  related: (key: string) => string | undefined;
};
type Phrase = (ref: string, c: PhraseContext) => string;

/** What the actor did, by recorded action; anything else is said in the generic form below. */
const PHRASES: Record<string, Phrase> = {
  create: (r) => `created ${r}`,
  update: (r) => `changed ${r}`,
  delete: (r) => `deleted ${r}`,
  move: (r) => `moved ${r}`,
  'move up': (r) => `moved ${r} up`,
  'move down': (r) => `moved ${r} down`,
  archive: (r) => `archived ${r}`,
  restore: (r) => `restored ${r}`,
  open: (r) => `opened ${r}`,
  close: (r) => `closed ${r}`,
  import: (r) => `imported ${r}`,
  replace: (r) => `replaced ${r}`,
  revoke: (r) => `revoked ${r}`,
  invite: (r) => `invited ${r}`,
  disable: (r) => `disabled ${r}`,
  enable: (r) => `enabled ${r}`,
  'create with password': (r) => `added ${r} with a password`,
  'add existing account': (r) => `added the existing account of ${r}`,
  'create platform owner': (r) => `created the platform owner ${r}`,
  'change role': (r) => `changed the role of ${r}`,
  'change password': (r) => `changed the password of ${r}`,
  'new password link': (r) => `made a new password link for ${r}`,
  'set password from link': (r) => `set the password of ${r} from a link`,
  'locked after failed sign-ins': (r) => `locked ${r} after failed sign-ins`,
  'restore from backup': (r) => `restored ${r} from a backup`,
  'sign in': () => 'signed in',
  'sign out': () => 'signed out',
  'refuse sign-in': (r) => `refused a sign-in as ${r}`,
  'change status': (r) => `changed the status of ${r}`,
  'add member': (r, c) => `added ${c.related('user_id') ?? 'a member'} to ${r}`,
  'remove member': (r, c) => `removed ${c.related('user_id') ?? 'a member'} from ${r}`,
  'add target': (r) => `added a target to ${r}`,
  'remove target': (r) => `removed a target from ${r}`,
  'add starter set': () => 'added the starter set of indicators',
  'record values from EHC cases': (r) => `recorded values of ${r} from EHC cases`,
  'queue test': (r) => `queued the test ${r}`,
  'send again': (r) => `sent ${r} again`,
  'remove old content': () => 'removed the content of old emails',
  review: (r) => `reviewed ${r}`,
  reopen: (r) => `reopened ${r}`,
  'add mitigation': (r) => `added a mitigation to ${r}`,
  'remove mitigation': (r) => `removed a mitigation from ${r}`,
};

/** Where an entity type reads better in its own words. */
const TYPE_PHRASES: Record<string, Record<string, Phrase>> = {
  'action update': {
    create: (_r, c) => `added a progress update to ${c.related('action_id') ?? 'an action'}`,
  },
  'success measure': {
    create: (r, c) => `added ${r} to ${c.related('action_id') ?? 'an action'}`,
    delete: (r, c) => `removed ${r} from ${c.related('action_id') ?? 'an action'}`,
  },
};

function relatedReference(kind: IdKind, id: string, names: Names): string {
  const record = names[kind]?.get(id.toLowerCase());
  if (kind === 'person' || kind === 'organisation') return record ? record.name : deleted(id);
  const noun = kind === 'round' ? 'update round' : kind;
  if (!record) return `${noun} ${deleted(id)}`;
  return `${noun}${record.number ? ` ${record.number}` : ''} ${quoted(record.name)}`;
}

export function describeChange(entry: AuditEntryInput, names: Names = {}): DescribedChange {
  const before = entry.before === null ? undefined : redact(entry.before);
  const after = entry.after === null ? undefined : redact(entry.after);
  const sides = [after, before];
  const actor = entry.actorName?.trim() || 'Sendboard';
  const ref = referenceTo(entry, names, sides);
  const context: PhraseContext = {
    related: (key) => {
      const kind = ID_KEYS[key];
      const id = kind ? recordedText(sides, [key])?.value : undefined;
      return kind && id && UUID.test(id) ? relatedReference(kind, id, names) : undefined;
    },
  };
  const importMatch = /^import (.+)$/.exec(entry.action);
  const phrase =
    TYPE_PHRASES[entry.entityType]?.[entry.action] ??
    PHRASES[entry.action] ??
    (importMatch ? (r: string) => `imported ${importMatch[1]} from ${r}` : undefined);
  const summary = phrase
    ? `${actor} ${phrase(ref, context)}`
    : `${actor}: ${entry.action} (${ref})`;
  return {
    typeLabel: entityTypeLabel(entry.entityType),
    summary,
    ...fieldLines(entry.entityType, before, after, names),
    recorded: { before: before ?? null, after: after ?? null },
  };
}

/** The filter's choices: each recorded entity type under its name, in the order of the names. */
export function entityTypeChoices(types: readonly string[]): { value: string; text: string }[] {
  return types
    .map((value) => ({ value, text: entityTypeLabel(value) }))
    .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'));
}
