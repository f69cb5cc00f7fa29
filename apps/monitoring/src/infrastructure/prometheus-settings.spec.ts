import { ConfigError } from '@upgrade-control/platform';
import { prometheusSettings } from './prometheus-settings.js';

const production = { NODE_ENV: 'production' };

describe('Prometheus settings', () => {
  it('are absent without PROMETHEUS_URL: analysis then has the pushed samples only', () => {
    expect(prometheusSettings({})).toBeNull();
  });

  it('read the URL (with its path prefix), the credentials, timeout and retries', () => {
    const settings = prometheusSettings({
      ...production,
      PROMETHEUS_URL: 'https://metrics.example/prometheus',
      PROMETHEUS_USERNAME: 'uc',
      PROMETHEUS_PASSWORD: 's3cret',
      PROMETHEUS_TIMEOUT_MS: '2500',
      PROMETHEUS_RETRIES: '0',
    });
    expect(settings).toEqual({
      url: new URL('https://metrics.example/prometheus/'),
      auth: { username: 'uc', password: 's3cret' },
      timeoutMs: 2500,
      retries: 0,
    });
    expect(prometheusSettings({ PROMETHEUS_URL: 'http://127.0.0.1:9090', PROMETHEUS_BEARER_TOKEN: 't' })).toMatchObject(
      {
        auth: { bearer: 't' },
        timeoutMs: 10_000,
        retries: 2,
      },
    );
  });

  it.each([
    [{ PROMETHEUS_URL: 'https://uc:pw@metrics.example' }, /must not hold credentials/],
    [{ PROMETHEUS_URL: 'ftp://metrics.example' }, /http or https only/],
    [{ PROMETHEUS_URL: 'not a url' }, /not a URL/],
    [
      { PROMETHEUS_URL: 'https://m.example', PROMETHEUS_BEARER_TOKEN: 't', PROMETHEUS_USERNAME: 'u' },
      /exclude each other/,
    ],
    [{ PROMETHEUS_URL: 'https://m.example', PROMETHEUS_USERNAME: 'u' }, /go together/],
    [{ PROMETHEUS_BEARER_TOKEN: 't' }, /without PROMETHEUS_URL/],
    [{ PROMETHEUS_URL: 'http://metrics.example', PROMETHEUS_BEARER_TOKEN: 't' }, /over https only/],
    [{ PROMETHEUS_URL: 'https://m.example', PROMETHEUS_RETRIES: '-1' }, /PROMETHEUS_RETRIES: a non-negative integer/],
    [{ PROMETHEUS_URL: 'https://m.example', PROMETHEUS_TIMEOUT_MS: '0' }, /PROMETHEUS_TIMEOUT_MS: a positive integer/],
  ])('refuse %j outside development', (env, message) => {
    expect(() => prometheusSettings({ ...production, ...env })).toThrow(ConfigError);
    expect(() => prometheusSettings({ ...production, ...env })).toThrow(message);
  });

  it('allow credentials over plain http in development and to this machine', () => {
    const plain = { PROMETHEUS_URL: 'http://metrics.example', PROMETHEUS_BEARER_TOKEN: 't' };
    expect(prometheusSettings({ NODE_ENV: 'development', ...plain })?.auth).toEqual({ bearer: 't' });
    expect(prometheusSettings({ ...production, ...plain, PROMETHEUS_URL: 'http://localhost:9090' })?.auth).toEqual({
      bearer: 't',
    });
  });
});
