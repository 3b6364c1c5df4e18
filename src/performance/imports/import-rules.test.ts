import { describe, expect, it } from 'vitest';
import {
  agrees,
  AreaIndex,
  IndicatorIndex,
  readIndicatorPeriod,
  resolveValue,
} from './import-rules.js';
import { templateCsv } from './import-specs.js';
import { codeFromName } from '../geography/index.js';

const indicators = new IndicatorIndex([
  {
    id: 'a',
    code: 'autism-wait',
    name: 'Autism assessment wait',
    unit: 'weeks',
    frequency: 'monthly',
  },
  {
    id: 'b',
    code: 'sen-support',
    name: 'Pupils with SEN support',
    unit: 'percent',
    frequency: 'academic_year',
  },
]);

describe('indicator and area look-up', () => {
  it('finds an indicator by code or exact name, and suggests the closest code', () => {
    expect(indicators.find(' Autism-Wait ')).toMatchObject({ id: 'a' });
    expect(indicators.find('pupils with  SEN support')).toMatchObject({ id: 'b' });
    expect(indicators.find('autsim-wait')).toMatchObject({
      message: expect.stringContaining('Did you mean ‘autism-wait’'),
    });
    expect(indicators.find('attendance')).toMatchObject({
      message: 'There is no indicator ‘attendance’ in this partnership.',
    });
  });

  it('finds areas by code, name or URN; says when a name is ambiguous', () => {
    const areas = new AreaIndex([
      { id: 'l', kind: 'locality', code: 'harlow', name: 'Harlow' },
      { id: 'd', kind: 'district', code: 'harlow-d', name: 'Harlow' },
      { id: 's', kind: 'school', code: '100001', name: 'Harlow Primary' },
    ]);
    expect(areas.find(null)).toBeNull();
    expect(areas.find(' Partnership ')).toBeNull();
    expect(areas.find('100001')).toMatchObject({ id: 's' });
    expect(areas.find('Harlow Primary')).toMatchObject({ message: expect.any(String) });
    expect(areas.find('harlow-d')).toMatchObject({ id: 'd' });
    expect(areas.find('Harlow')).toMatchObject({
      message: expect.stringContaining('district: Harlow'),
    });
    expect(areas.find('district: Harlow')).toMatchObject({ id: 'd' });
    expect(areas.find('Quadrant:harlow')).toMatchObject({ id: 'l' });
  });
});

describe('periods by frequency', () => {
  it('reads a period of the indicator’s frequency and refuses other kinds', () => {
    expect(readIndicatorPeriod('2024-25', 'academic_year')).toMatchObject({
      key: '2024-25',
      start: '2024-09-01',
    });
    expect(readIndicatorPeriod('2024-25', 'financial_year')).toMatchObject({
      key: '2024-25',
      start: '2024-04-01',
    });
    expect(readIndicatorPeriod('202425', 'financial_year')).toMatchObject({ key: '2024-25' });
    expect(readIndicatorPeriod('2024-03-17', 'monthly')).toMatchObject({ key: '2024-03' });
    expect(readIndicatorPeriod('17/03/2024', 'monthly')).toMatchObject({ key: '2024-03' });
    expect(readIndicatorPeriod('2024 Q1', 'monthly')).toMatchObject({
      message: '‘2024 Q1’ is a quarter, but this indicator is monthly.',
      expected: 'a month, like 2024-03 or Mar 2024',
    });
    expect(readIndicatorPeriod('17/03/2024', 'quarterly')).toMatchObject({
      message: expect.stringContaining('is a date'),
    });
    expect(readIndicatorPeriod('soon', 'annual')).toMatchObject({
      message: expect.stringContaining('is not a recognised period'),
    });
  });
});

describe('values from numerators and denominators', () => {
  it('works the value out by unit', () => {
    expect(resolveValue('percent', null, 1, 3, false)).toEqual({ value: 33.333333 });
    expect(resolveValue('rate_per_10000', null, 12, 48000, false)).toEqual({ value: 2.5 });
    expect(resolveValue('weeks', null, 390, 10, false)).toEqual({ value: 39 });
    expect(resolveValue('count', null, 7, null, false)).toEqual({ value: 7 });
    expect(resolveValue('percent', null, null, null, true)).toEqual({ value: null });
  });

  it('accepts a value rounded as written, and refuses one beyond rounding', () => {
    expect(resolveValue('percent', 33.3, 1, 3, false)).toEqual({ value: 33.3 });
    expect(resolveValue('percent', 33, 1, 3, false)).toEqual({ value: 33 });
    expect(resolveValue('percent', 34, 1, 3, false)).toMatchObject({ column: 'value' });
    expect(resolveValue('percent', null, 5, 4, false)).toMatchObject({ column: 'numerator' });
    expect(resolveValue('percent', null, 5, 0, false)).toMatchObject({ column: 'value' });
    expect(resolveValue('weeks', null, null, null, false)).toMatchObject({ column: 'value' });
    expect(agrees(52.5, 52.45)).toBe(true);
    expect(agrees(52.5, 52.56)).toBe(false);
  });
});

describe('specs', () => {
  it('makes codes from names and templates from the examples', () => {
    expect(codeFromName(' North East & Coast ')).toBe('north-east-and-coast');
    expect(codeFromName('Bishop’s Stortford')).toBe('bishop-s-stortford');
    expect(templateCsv('geography').split('\r\n')[0]).toBe(
      'URN,school name,phase,district,locality',
    );
  });
});
