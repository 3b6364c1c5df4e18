// The partnership's geography: locality (or quadrant) → district → school. Pure: building the
// hierarchy from an imported school list (with the row errors a user can act on), comparing it
// with the units held now, and arranging units as a tree for the page.
import type { RowError } from '../../platform/tables/types.js';
import { codeFromName } from './codes.js';

export type UnitKind = 'locality' | 'district' | 'school';

export type GeographyUnit = {
  id: string;
  kind: UnitKind;
  code: string;
  name: string;
  parent_id: string | null;
  phase: string | null;
};

/** One checked row of a school list. */
export type SchoolRow = {
  urn: string;
  name: string;
  phase: string | null;
  district: string;
  districtCode: string | null;
  locality: string;
  localityCode: string | null;
};

/** The hierarchy a file describes, as held between the preview and the save. */
export type GeographyPayload = {
  localities: { code: string; name: string }[];
  districts: { code: string; name: string; locality: string }[];
  schools: { code: string; name: string; phase: string | null; district: string }[];
};

/** Collects rows into a hierarchy, reporting a school given twice or a district in two places. */
export class GeographyCollector {
  private readonly localities = new Map<string, { name: string; row: number }>();
  private readonly districts = new Map<
    string,
    { name: string; locality: string; localityName: string; row: number }
  >();
  private readonly schools = new Map<
    string,
    { name: string; phase: string | null; district: string; row: number }
  >();

  add(row: SchoolRow, rowNumber: number, columns: Record<string, string>): RowError[] {
    const errors: RowError[] = [];
    const localityCode = row.localityCode ?? codeFromName(row.locality);
    const districtCode = row.districtCode ?? codeFromName(row.district);
    const locality = this.localities.get(localityCode);
    if (locality && locality.name !== row.locality) {
      errors.push({
        row: rowNumber,
        column: columns.locality ?? 'locality',
        message: `The locality code ‘${localityCode}’ is ‘${locality.name}’ on row ${locality.row} but ‘${row.locality}’ here.`,
        expected: 'one name for each locality',
      });
    }
    const district = this.districts.get(districtCode);
    if (district && district.name !== row.district) {
      errors.push({
        row: rowNumber,
        column: columns.district ?? 'district',
        message: `The district code ‘${districtCode}’ is ‘${district.name}’ on row ${district.row} but ‘${row.district}’ here.`,
        expected: 'one name for each district',
      });
    } else if (district && district.locality !== localityCode) {
      errors.push({
        row: rowNumber,
        column: columns.locality ?? 'locality',
        message: `The district ‘${row.district}’ is in the locality ‘${district.localityName}’ on row ${district.row} but in ‘${row.locality}’ here. A district belongs to one locality.`,
        expected: `the locality ‘${district.localityName}’, as on row ${district.row}`,
      });
    }
    const school = this.schools.get(row.urn);
    if (school) {
      errors.push({
        row: rowNumber,
        column: columns.urn ?? 'URN',
        message: `The school with URN ${row.urn} is also on row ${school.row}. Each school appears once.`,
        expected: 'each URN once',
      });
    }
    if (errors.length > 0) return errors;
    if (!locality) this.localities.set(localityCode, { name: row.locality, row: rowNumber });
    if (!district) {
      this.districts.set(districtCode, {
        name: row.district,
        locality: localityCode,
        localityName: row.locality,
        row: rowNumber,
      });
    }
    this.schools.set(row.urn, {
      name: row.name,
      phase: row.phase,
      district: districtCode,
      row: rowNumber,
    });
    return errors;
  }

  payload(): GeographyPayload {
    return {
      localities: [...this.localities].map(([code, l]) => ({ code, name: l.name })),
      districts: [...this.districts].map(([code, d]) => ({
        code,
        name: d.name,
        locality: d.locality,
      })),
      schools: [...this.schools].map(([code, s]) => ({
        code,
        name: s.name,
        phase: s.phase,
        district: s.district,
      })),
    };
  }
}

export type KindCounts = Record<UnitKind, number>;

/** What saving a hierarchy would do to the units held now. */
export type GeographyChanges = {
  added: KindCounts;
  updated: KindCounts;
  unchanged: KindCounts;
  /** Units not in the file that nothing refers to: they will be removed. */
  removed: GeographyUnit[];
  /** Units not in the file kept because indicator values refer to them (or to a unit under them). */
  kept: GeographyUnit[];
};

const zero = (): KindCounts => ({ locality: 0, district: 0, school: 0 });

/**
 * Compares a hierarchy with the units held now. Units match by kind and code. A unit missing from
 * the file is removed unless indicator values refer to it; a kept unit keeps its parents too.
 */
export function geographyChanges(
  existing: readonly GeographyUnit[],
  referenced: ReadonlySet<string>,
  payload: GeographyPayload,
): GeographyChanges {
  const key = (kind: UnitKind, code: string) => `${kind}:${code}`;
  const byKey = new Map(existing.map((u) => [key(u.kind, u.code), u]));
  const byId = new Map(existing.map((u) => [u.id, u]));
  const added = zero();
  const updated = zero();
  const unchanged = zero();
  const inFile = new Set<string>();
  const compare = (
    kind: UnitKind,
    code: string,
    name: string,
    parentCode: string | null,
    phase: string | null,
  ) => {
    inFile.add(key(kind, code));
    const unit = byKey.get(key(kind, code));
    if (!unit) return void added[kind]++;
    const parentKind: UnitKind | null =
      kind === 'school' ? 'district' : kind === 'district' ? 'locality' : null;
    const parent = unit.parent_id ? byId.get(unit.parent_id) : undefined;
    const sameParent =
      parentKind === null
        ? unit.parent_id === null
        : parent?.kind === parentKind && parent.code === parentCode;
    const same = unit.name === name && sameParent && (unit.phase ?? null) === phase;
    if (same) unchanged[kind]++;
    else updated[kind]++;
  };
  for (const l of payload.localities) compare('locality', l.code, l.name, null, null);
  for (const d of payload.districts) compare('district', d.code, d.name, d.locality, null);
  for (const s of payload.schools) compare('school', s.code, s.name, s.district, s.phase);

  const missing = existing.filter((u) => !inFile.has(key(u.kind, u.code)));
  const keptIds = new Set<string>();
  const missingIds = new Set(missing.map((u) => u.id));
  for (const u of missing) {
    if (!referenced.has(u.id)) continue;
    // Keep it, and every parent of it that the file leaves out too.
    for (let at: GeographyUnit | undefined = u; at && missingIds.has(at.id);) {
      keptIds.add(at.id);
      at = at.parent_id ? byId.get(at.parent_id) : undefined;
    }
  }
  const order: Record<UnitKind, number> = { school: 0, district: 1, locality: 2 };
  const sorted = [...missing].sort(
    (a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name),
  );
  return {
    added,
    updated,
    unchanged,
    // Children before parents: the order they can be deleted in.
    removed: sorted.filter((u) => !keptIds.has(u.id)),
    kept: sorted.filter((u) => keptIds.has(u.id)),
  };
}

export type DistrictNode = { unit: GeographyUnit; schools: GeographyUnit[] };
export type LocalityNode = {
  unit: GeographyUnit | null;
  districts: DistrictNode[];
  schoolCount: number;
};

/** Units as a tree for the page: localities by name, districts by name, schools by name. */
export function geographyTree(units: readonly GeographyUnit[]): {
  localities: LocalityNode[];
  counts: KindCounts;
} {
  const byName = (a: GeographyUnit, b: GeographyUnit) => a.name.localeCompare(b.name, 'en-GB');
  const children = new Map<string | null, GeographyUnit[]>();
  const counts = zero();
  for (const u of units) {
    counts[u.kind]++;
    const list = children.get(u.parent_id) ?? [];
    list.push(u);
    children.set(u.parent_id, list);
  }
  const districtNode = (d: GeographyUnit): DistrictNode => ({
    unit: d,
    schools: (children.get(d.id) ?? []).filter((s) => s.kind === 'school').sort(byName),
  });
  const localities: LocalityNode[] = units
    .filter((u) => u.kind === 'locality')
    .sort(byName)
    .map((l) => {
      const districts = (children.get(l.id) ?? [])
        .filter((d) => d.kind === 'district')
        .sort(byName)
        .map(districtNode);
      return {
        unit: l,
        districts,
        schoolCount: districts.reduce((n, d) => n + d.schools.length, 0),
      };
    });
  // Districts without a locality (none arise from imports, but the table allows them).
  const loose = units.filter((u) => u.kind === 'district' && u.parent_id === null);
  if (loose.length > 0) {
    const districts = loose.sort(byName).map(districtNode);
    localities.push({
      unit: null,
      districts,
      schoolCount: districts.reduce((n, d) => n + d.schools.length, 0),
    });
  }
  return { localities, counts };
}
