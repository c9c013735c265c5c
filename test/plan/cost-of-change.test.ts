import { costOfChange } from '../../src/plan';
import { anObserved, someFacts, aDesired } from '../support/builders';

const target = (o: Partial<ReturnType<typeof aDesired>> = {}) => {
  const d = aDesired(o);
  return { edition: d.edition, bandwidthMBps: d.bandwidthMBps, diskGB: d.diskGB, partitions: d.partitions };
};
const at = new Date('2026-06-03T02:00:00Z');

describe('costOfChange', () => {
  it('prepaid list price: monthly delta and the prorated charge to expiry', () => {
    // Pro 320 MB/s: 6147 + 3000 GB × 35/100 = 7197; 400 MB/s: 6147 + 4 × 280 + 4000 GB × 35/100 = 8667.
    const cost = costOfChange({ observed: anObserved(), target: target({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000 }), chargeFrom: at });
    expect(cost).toEqual({
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: 7197,
      targetMonthly: 8667,
      monthlyDelta: 1470,
      // 2026-06-03T02:00Z → 2026-12-31T16:00Z is 211.58 days, rounded up to 212: 1470 / 30 × 212.
      proratedCharge: { amount: 10388, days: 212, until: '2026-12-31T16:00:00.000Z' },
      note: 'list price (CNY, China site, before discounts); prepaid: the monthly difference / 30 per day is charged for the 212 days left until expiry',
    });
  });

  it('the worked example of the pricing page: 180 MB/s costs 3377 + 3 × 292 = 4253 CNY a month in bandwidth', () => {
    const cost = costOfChange({ observed: anObserved({ bandwidthMBps: 120, diskGB: 1000, partitions: 1400 }), target: target({ bandwidthMBps: 180, diskGB: 1000, partitions: 1400 }), chargeFrom: at });
    // 120 MB/s: 3377 + 200 extra partitions × 200/100 + 350 disk; 180 MB/s: 4253 + 0 + 350.
    expect(cost).toMatchObject({ currentMonthly: 4127, targetMonthly: 4603, monthlyDelta: 476 });
  });

  it('postpaid list price: hourly delta, monthly = hourly × 730', () => {
    const observed = anObserved({ chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined });
    const cost = costOfChange({ observed, target: target({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000 }), chargeFrom: at });
    // 320 MB/s: 9.40 + 30 × 0.25 = 16.90 an hour; 400 MB/s: 9.40 + 4 × 0.43 + 40 × 0.25 = 21.12.
    expect(cost).toEqual({
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: 12337,
      targetMonthly: 15417.6,
      monthlyDelta: 3080.6,
      hourlyDelta: 4.22,
      note: 'list price (CNY, China site, before discounts); postpaid is billed by the hour: monthly figures are hourly × 730 h',
    });
  });

  it('prefers the cloud quotes', () => {
    const facts = someFacts({ quote: { current: { currency: 'CNY', amount: 6000, per: 'month' }, target: { currency: 'CNY', amount: 7000.456, per: 'month' } } });
    const cost = costOfChange({ observed: anObserved(), target: target({ bandwidthMBps: 400 }), facts, chargeFrom: new Date('2026-12-01T16:00:00Z') });
    expect(cost).toMatchObject({ source: 'quote', currentMonthly: 6000, targetMonthly: 7000.46, monthlyDelta: 1000.46, proratedCharge: { amount: 1000.46, days: 30 } });
  });

  it('says when a quote failed and list prices were used', () => {
    const facts = someFacts({ errors: [{ what: 'quote', code: 'FailedOperation', message: 'inquiry failed' }] });
    const cost = costOfChange({ observed: anObserved(), target: target({ bandwidthMBps: 400 }), facts, chargeFrom: at });
    expect(cost.source).toBe('list-price');
    expect(cost.note).toContain('no quote (FailedOperation: inquiry failed)');
  });

  it('Standard has no published price: figures are null with a note', () => {
    const observed = anObserved({ edition: 'standard', instanceType: 'standards2', bandwidthMBps: 100, diskGB: 1500, partitions: 100 });
    const cost = costOfChange({ observed, target: target({ bandwidthMBps: 200, diskGB: 3000, partitions: 1400 }), chargeFrom: at });
    expect(cost).toEqual({
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: null,
      targetMonthly: null,
      monthlyDelta: null,
      note: 'no list price is published for Standard edition at this spec; the console shows the price',
    });
  });

  it('a prepaid scale-down returns the per-day difference (assumed) and a past expiry prorates nothing', () => {
    const down = costOfChange({ observed: anObserved(), target: target({ bandwidthMBps: 200 }), chargeFrom: new Date('2026-12-01T16:00:00Z') });
    expect(down.monthlyDelta).toBeLessThan(0);
    expect(down.proratedCharge).toEqual({ amount: down.monthlyDelta, days: 30, until: '2026-12-31T16:00:00.000Z' });
    expect(down.note).toContain('is returned for the 30 days');
    const expired = costOfChange({ observed: anObserved({ expiresAt: '2026-01-01T00:00:00Z' }), target: target({ bandwidthMBps: 400 }), chargeFrom: at });
    expect(expired.proratedCharge).toBeUndefined();
    expect(expired.note).toContain('nothing is prorated');
  });
});
