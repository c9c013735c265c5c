import { formatDuration, formatMoney, formatSignedMoney } from '../../src/plan/words';

describe('formatDuration', () => {
  it.each([
    [0, '<1m'],
    [59, '<1m'],
    [60, '1m'],
    [2780, '46m'],
    [3600, '1h'],
    [16620, '4h 37m'],
    [47 * 3600 + 59 * 60, '47h 59m'],
    [48 * 3600, '2d'],
    [51 * 3600 + 600, '2d 3h'],
    [-1, 'unknown'],
    [Number.NaN, 'unknown'],
  ])('%d seconds → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    [0, '0.00', '±0.00'],
    [292, '292.00', '+292.00'],
    [204.4, '204.40', '+204.40'],
    [1234567.891, '1,234,567.89', '+1,234,567.89'],
    [-5883.8, '-5,883.80', '-5,883.80'],
    [-0.001, '0.00', '±0.00'],
  ])('%d → %s and %s', (amount, plain, signed) => {
    expect(formatMoney(amount)).toBe(plain);
    expect(formatSignedMoney(amount)).toBe(signed);
  });
});

