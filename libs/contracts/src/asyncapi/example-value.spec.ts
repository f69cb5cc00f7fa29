import { exampleValue } from './example-value.js';

describe('exampleValue', () => {
  it('refuses a pattern it has no sample for, naming the field and the pattern', () => {
    expect(() => exampleValue({ type: 'string', pattern: '^[A-Z]{3}$' }, 'currency')).toThrow(
      'no example string for "currency" matches /^[A-Z]{3}$/',
    );
  });

  it('takes 1 where the bounds allow it and the nearest bound where they do not', () => {
    expect(exampleValue({ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 })).toBe(1);
    expect(exampleValue({ type: 'integer', minimum: 200, maximum: 599 })).toBe(200);
    expect(exampleValue({ type: 'number', exclusiveMaximum: 0 })).toBe(-0.5);
  });
});
