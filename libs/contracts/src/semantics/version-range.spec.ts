import { isValidRange, naturalCompare, satisfies, toSemver } from './version-range.js';

describe('version ranges', () => {
  it('treats dotted numbers as semver', () => {
    expect(toSemver('15')).toBe('15.0.0');
    expect(toSemver('15.6')).toBe('15.6.0');
    expect(satisfies('15.6', '>=12 <16')).toBe(true);
    expect(satisfies('16.2', '>=12 <16')).toBe(false);
    expect(satisfies('4.10', '^4.2')).toBe(true);
  });

  it('orders other versions naturally', () => {
    expect(naturalCompare('R2024a', 'R2023b')).toBe(1);
    expect(naturalCompare('2019-CU10', '2019-CU9')).toBe(1);
    expect(naturalCompare('fw-7', 'fw-7.1')).toBe(-1);
    expect(satisfies('2019-CU10', '>=2019-CU5')).toBe(true);
    expect(satisfies('R2023b', '>=R2024a || =R2022a')).toBe(false);
    expect(satisfies('R2022a', '>=R2024a || =R2022a')).toBe(true);
    expect(isValidRange('>=R2024a <R2026')).toBe(true);
    expect(isValidRange('>= oops <')).toBe(false);
  });
});
