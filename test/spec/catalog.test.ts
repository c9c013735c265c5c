import { editionFromInstanceType, listPrice, minDiskGB, minPartitions, nearestBandwidths, tierMinimum } from '../../src/spec/catalog';

describe('catalog', () => {
  it.each([
    [20, 400],
    [40, 800],
    [50, 800],
    [180, 1400],
    [240, 1600],
    [320, 1800],
    [400, 2000],
    [1200, 3200],
    [1600, 4000],
    [2400, 5000],
    [100000, 6000],
  ])('Pro at %i MB/s includes %i partitions', (bw, parts) => {
    expect(minPartitions('pro', bw)).toBe(parts);
  });

  it.each([
    [20, 200],
    [100, 500],
    [120, 1000],
    [320, 3000],
    [800, 5400],
    [1000, 7500],
    [1600, 10000],
  ])('Pro at %i MB/s needs %i GB of disk', (bw, disk) => {
    expect(minDiskGB('pro', bw)).toBe(disk);
  });

  it('takes the first tier below the lowest bound', () => {
    expect(tierMinimum([{ fromMBps: 20, value: 1 }], 10)).toBe(1);
  });

  it.each<[number, number[]]>([
    [410, [400, 420]],
    [400, [400]],
    [1300, [1200, 1600]],
    [5, [20]],
    [200000, [100000]],
  ])('nearest Pro bandwidths to %i are %p', (bw, near) => {
    expect(nearestBandwidths('pro', bw)).toEqual(near);
  });

  it.each([
    ['profession', 'pro'],
    ['premium', 'advanced'],
    ['standards2', 'standard'],
    ['standard', 'standard'],
    ['serverless', undefined],
  ])('InstanceType %s is %p', (t, e) => {
    expect(editionFromInstanceType(t)).toBe(e);
  });

  describe('list prices', () => {
    it('matches the worked example: Pro 180 MB/s is 3377 + 292 × 3 = 4253 CNY/month (bandwidth package)', () => {
      expect(listPrice({ edition: 'pro', bandwidthMBps: 180, diskGB: 0, partitions: 1400 }, 'month')).toBe(4253);
    });

    it('adds partitions above the included ones (200 per 100) and disk (35 per 100 GB premium, 100 SSD)', () => {
      expect(listPrice({ edition: 'pro', bandwidthMBps: 180, diskGB: 1000, partitions: 1600 }, 'month', 'CLOUD_PREMIUM')).toBe(4253 + 400 + 350);
      expect(listPrice({ edition: 'pro', bandwidthMBps: 180, diskGB: 1000, partitions: 1400 }, 'month', 'CLOUD_SSD')).toBe(4253 + 1000);
    });

    it.each([
      [20, 890],
      [40, 1990],
      [100, 2890],
      [320, 6147],
      [600, 6147 + 280 * 14],
      [1600, 20570],
      [2000, 20570 + 2420 * 2],
    ])('Pro bandwidth package at %i MB/s is %d CNY/month', (bw, price) => {
      expect(listPrice({ edition: 'pro', bandwidthMBps: bw, diskGB: 0, partitions: minPartitions('pro', bw) }, 'month')).toBe(price);
    });

    it('prices postpaid by the hour', () => {
      expect(listPrice({ edition: 'pro', bandwidthMBps: 20, diskGB: 200, partitions: 400 }, 'hour')).toBe(1.34 + 0.5);
    });

    it('has no list price for Standard (sale stopped) or hourly Advanced', () => {
      expect(listPrice({ edition: 'standard', bandwidthMBps: 40, diskGB: 500, partitions: 60 }, 'month')).toBeUndefined();
      expect(listPrice({ edition: 'advanced', bandwidthMBps: 40, diskGB: 500, partitions: 800 }, 'hour')).toBeUndefined();
    });
  });
});
