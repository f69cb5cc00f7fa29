import { PromqlTemplateError, promqlTemplateProblems, renderPromql } from './promql-template.js';

const target = { assetId: 'orders-db', site: 'fra-1', node: 'db-7' };

describe('PromQL templates', () => {
  it('puts the target labels into label matchers', () => {
    expect(renderPromql('rate(errors_total{asset="{{assetId}}", site=\'{{ site }}\'}[1m])', target)).toBe(
      'rate(errors_total{asset="orders-db", site=\'fra-1\'}[1m])',
    );
  });

  it('escapes values so that they cannot end the string and change the query', () => {
    const hostile = { assetId: 'x"} or vector(1) or up{a="\\', site: "it's" };
    expect(renderPromql('up{asset="{{assetId}}"}', hostile)).toBe('up{asset="x\\"} or vector(1) or up{a=\\"\\\\"}');
    expect(renderPromql("up{site='{{site}}'}", hostile)).toBe("up{site='it\\'s'}");
    expect(renderPromql('up{asset="{{assetId}}"}', { assetId: 'a\nb' })).toBe('up{asset="a\\nb"}');
  });

  it('matches the value literally after =~ and !~', () => {
    expect(
      renderPromql('up{node=~"{{node}}|spare", site!~ "{{site}}"}', { assetId: 'a', node: 'db.7', site: 'a+b' }),
    ).toBe('up{node=~"db\\\\.7|spare", site!~ "a\\\\+b"}');
  });

  it('refuses unknown variables, placeholders outside quoted strings and unclosed ones', () => {
    expect(promqlTemplateProblems('up{asset="{{asset_id}}"}')).toEqual([
      '{{asset_id}} at 10 is not a template variable (known: assetId, site, node)',
    ]);
    expect(promqlTemplateProblems('up{asset={{assetId}}}')).toEqual([
      '{{assetId}} at 9 must stand inside a "quoted" label value',
    ]);
    expect(promqlTemplateProblems('up{asset=`{{assetId}}`}')).toEqual([
      '{{assetId}} at 10 must stand inside a "quoted" label value',
    ]);
    expect(promqlTemplateProblems('up{asset="{{assetId"}')).toEqual(['"{{" at 10 is not closed by "}}"']);
    expect(promqlTemplateProblems('up{asset="x}')).toEqual(['a " string is not closed']);
    expect(() => renderPromql('up{asset="{{asset_id}}"}', target)).toThrow(PromqlTemplateError);
  });

  it('refuses a variable the target does not have', () => {
    expect(() => renderPromql('up{node="{{node}}"}', { assetId: 'a' })).toThrow('{{node}}: the target has no node');
  });

  it('leaves quotes escaped inside strings alone while finding placeholders', () => {
    expect(renderPromql('up{job="a\\"b", asset="{{assetId}}"}', target)).toBe('up{job="a\\"b", asset="orders-db"}');
  });
});
