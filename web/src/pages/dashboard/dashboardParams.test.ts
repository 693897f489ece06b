import { describe, expect, it } from 'vitest';
import { dashboardParams, parseDashboardParams } from './dashboardParams.ts';

describe('dashboard URL state', () => {
  it('keeps the filter and the segment drilled into through a round trip', () => {
    const state = {
      filter: {
        jurisdiction: '110000',
        level: 'provincial' as const,
        batch: 'rollout-2019',
        from: '2020-01-01',
      },
      drill: {
        aggregate: 'organs' as const,
        segment: { segmentOrgan: '111000000000000001', stage: 'blocked' as const },
        page: 2,
      },
    };
    const params = dashboardParams(state);
    expect(params.get('s.stage')).toBe('blocked');
    expect(params.get('batch')).toBe('rollout-2019');
    expect(parseDashboardParams(params)).toEqual(state);
  });

  it('drops values it does not know rather than sending them to the server', () => {
    const state = parseDashboardParams(
      new URLSearchParams('level=galactic&drill=everything&s.stage=late&jurisdiction=%20'),
    );
    expect(state).toEqual({ filter: {} });
    const drilled = parseDashboardParams(
      new URLSearchParams('drill=trend&s.series=nope&s.month=2020-05&page=0'),
    );
    expect(drilled.drill).toEqual({ aggregate: 'trend', segment: { month: '2020-05' }, page: 1 });
  });
});
