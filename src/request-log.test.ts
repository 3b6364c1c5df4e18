import { describe, expect, it } from 'vitest';
import { requestForLog } from './app.js';

describe('the request log', () => {
  it('leaves out secrets carried in a path', () => {
    expect(
      requestForLog({ method: 'GET', url: '/calendar/cal_abcdefghijklmnopqrstuv.ics' }).url,
    ).toBe('/calendar/[secret]');
    expect(requestForLog({ method: 'GET', url: '/invitation/tok123?x=1' }).url).toBe(
      '/invitation/[secret]?x=1',
    );
    expect(requestForLog({ method: 'GET', url: '/p/north/plans' }).url).toBe('/p/north/plans');
  });
});
