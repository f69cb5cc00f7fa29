import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityFrom } from './kafka-security.js';

const caFile = join(mkdtempSync(join(tmpdir(), 'kafka-security-')), 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nfixture\n-----END CERTIFICATE-----\n');
const secure = {
  NODE_ENV: 'production',
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: caFile,
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  INVENTORY_KAFKA_SASL_PASSWORD: 'inventory-secret',
  PLANNING_KAFKA_SASL_USERNAME: 'planning-svc',
  PLANNING_KAFKA_SASL_PASSWORD: 'planning-secret',
};

describe('Kafka client security from the environment', () => {
  it('gives each principal its own user, named after it unless set, over TLS trusting the given CA', () => {
    expect(kafkaSecurityFrom(secure, 'inventory')).toEqual({
      tls: { ca: expect.stringContaining('BEGIN CERTIFICATE') },
      sasl: { mechanism: 'scram-sha-512', username: 'inventory', password: 'inventory-secret' },
    });
    expect(kafkaSecurityFrom(secure, 'planning').sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'planning-svc',
      password: 'planning-secret',
    });
  });

  it.each([
    [{}, 'without TLS'],
    [{ KAFKA_SSL: 'true' }, 'without SASL authentication'],
  ])('outside development refuses plaintext and says what to set (%j)', (env, missing) => {
    expect(() => kafkaSecurityFrom({ NODE_ENV: 'production', ...env }, 'execution')).toThrow(
      new RegExp(
        `execution would reach Kafka ${missing} and NODE_ENV is "production".*Set KAFKA_SSL=true.*KAFKA_ALLOW_PLAINTEXT=true`,
      ),
    );
  });

  it('allows plaintext outside development only when asked explicitly', () => {
    expect(kafkaSecurityFrom({ NODE_ENV: 'production', KAFKA_ALLOW_PLAINTEXT: 'true' }, 'audit')).toEqual({
      tls: null,
      sasl: null,
    });
  });

  it.each(['development', 'test'])('allows plaintext when NODE_ENV is %s (npm start, npm test)', (NODE_ENV) => {
    expect(kafkaSecurityFrom({ NODE_ENV }, 'monitoring')).toEqual({ tls: null, sasl: null });
  });

  it.each([
    [{ ...secure, KAFKA_SASL_MECHANISM: 'plain' }, /KAFKA_SASL_MECHANISM must be one of scram-sha-512, not "plain"/],
    [{ ...secure, INVENTORY_KAFKA_SASL_PASSWORD: '' }, /no password: set INVENTORY_KAFKA_SASL_PASSWORD/],
    [
      { ...secure, KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' },
      /KAFKA_SSL_CA_FILE "\/nonexistent\/ca.pem" cannot be read/,
    ],
    [{ ...secure, KAFKA_SSL: 'yes' }, /KAFKA_SSL must be true or false, not "yes"/],
    [{ NODE_ENV: 'test', KAFKA_SSL_CA_FILE: caFile }, /KAFKA_SSL_CA_FILE is set, but KAFKA_SSL is not true/],
    [{ NODE_ENV: 'test', KAFKA_SASL_PASSWORD: 'x' }, /KAFKA_SASL_MECHANISM is not/],
  ])('refuses a broken setting and names it (%#)', (env, message) => {
    expect(() => kafkaSecurityFrom(env, 'inventory')).toThrow(message);
  });
});
