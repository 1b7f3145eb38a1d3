// How settings from code and from ConfigService become one checked object.
import { ConfigService } from '@nestjs/config';
import { readSettingsFromConfig } from '../../lib/config/read-config.js';
import { resolveSettings, type SettingsInput } from '../../lib/config/resolve-settings.js';
import { CassandraConfigError } from '../../lib/errors.js';

const required = { contactPoints: 'db1', localDataCenter: 'dc1' };
const fromEnv = (values: Record<string, string>, name?: string) =>
  resolveSettings(readSettingsFromConfig(new ConfigService(values), name), name);

function errorOf(run: () => unknown): CassandraConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof CassandraConfigError) return error;
    throw error;
  }
  throw new Error('expected a CassandraConfigError');
}

describe('settings', () => {
  it('apply the documented defaults', () => {
    const settings = resolveSettings(required);
    expect(settings).toMatchObject({
      contactPoints: ['db1:9042'],
      localDataCenter: 'dc1',
      connectRetries: 3,
      connectRetryDelayMs: 1000,
    });
    expect(settings.tls).toBeUndefined();
    expect(settings.keyspace).toBeUndefined();
    expect(settings.credentials).toBeUndefined();
  });

  it.each([
    ['db1', 'db1:9042'],
    ['db1:9142', 'db1:9142'],
    ['10.0.0.7', '10.0.0.7:9042'],
    ['::1', '[::1]:9042'],
    ['[fe80::1]:9300', '[fe80::1]:9300'],
  ])('take contact point %p as %p', (given, expected) => {
    expect(resolveSettings({ ...required, contactPoints: given }).contactPoints).toEqual([expected]);
  });

  it('split comma-separated contact points and apply CASSANDRA_PORT to those without a port', () => {
    const settings = fromEnv({
      CASSANDRA_CONTACT_POINTS: ' db1, db2:9300 ,,db3 ',
      CASSANDRA_PORT: '9142',
      CASSANDRA_LOCAL_DATACENTER: 'dc1',
    });
    expect(settings.contactPoints).toEqual(['db1:9142', 'db2:9300', 'db3:9142']);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['Yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['NO', false],
  ])('read boolean %p as %p', (word, value) => {
    const settings = fromEnv({
      CASSANDRA_CONTACT_POINTS: 'db1',
      CASSANDRA_LOCAL_DATACENTER: 'dc1',
      CASSANDRA_TLS_ENABLED: 'true',
      CASSANDRA_TLS_VERIFY_HOSTNAME: word,
    });
    expect(settings.tls?.verifyHostname).toBe(value);
  });

  it('turn TLS on as soon as a CA, certificate or key is given, verifying chain and host name by default', () => {
    const settings = fromEnv({ ...requiredEnv(), CASSANDRA_TLS_CA_FILE: 'ca.pem' });
    expect(settings.tls).toMatchObject({ rejectUnauthorized: true, verifyHostname: true, minVersion: 'TLSv1.2' });
  });

  it('keep TLS off when CASSANDRA_TLS_ENABLED=false says so, material or not', () => {
    expect(
      fromEnv({ ...requiredEnv(), CASSANDRA_TLS_ENABLED: 'false', CASSANDRA_TLS_CA_FILE: 'ca.pem' }).tls,
    ).toBeUndefined();
  });

  it('turn TLS on with Node root CAs when only CASSANDRA_TLS_ENABLED=true is set', () => {
    expect(fromEnv({ ...requiredEnv(), CASSANDRA_TLS_ENABLED: 'true' }).tls?.ca).toEqual([]);
  });

  it('resolve relative PEM paths against the working directory and accept several CA files', () => {
    const settings = fromEnv({ ...requiredEnv(), CASSANDRA_TLS_CA_FILE: 'certs/a.pem, /etc/b.pem' });
    expect(settings.tls?.ca).toEqual([
      { setting: 'tls.caFile', kind: 'file', path: `${process.cwd()}/certs/a.pem` },
      { setting: 'tls.caFile', kind: 'file', path: '/etc/b.pem' },
    ]);
  });

  it('take inline PEM whose line breaks were escaped as \\n in an environment variable', () => {
    const settings = fromEnv({
      ...requiredEnv(),
      CASSANDRA_TLS_CA_PEM: '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----',
    });
    expect(settings.tls?.ca).toEqual([
      { setting: 'tls.caPem', kind: 'inline', text: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
    ]);
  });

  it('read a named client from CASSANDRA_<NAME>_ keys only', () => {
    const settings = fromEnv(
      {
        CASSANDRA_CONTACT_POINTS: 'default-host',
        CASSANDRA_LOCAL_DATACENTER: 'dc-default',
        CASSANDRA_REPORTING_DB_CONTACT_POINTS: 'reports-host',
        CASSANDRA_REPORTING_DB_LOCAL_DATACENTER: 'dc-reports',
      },
      'reporting-db',
    );
    expect(settings).toMatchObject({
      clientName: 'reporting-db',
      contactPoints: ['reports-host:9042'],
      localDataCenter: 'dc-reports',
    });
  });

  it('pass credentials and typed options from code through unchanged', () => {
    const settings = resolveSettings({
      ...required,
      username: 'app',
      password: ' spaces kept ',
      connectRetries: 5,
      tls: { enabled: true, rejectUnauthorized: false, servername: 'db.example' },
    });
    expect(settings.credentials).toEqual({ username: 'app', password: ' spaces kept ' });
    expect(settings.connectRetries).toBe(5);
    expect(settings.tls).toMatchObject({ rejectUnauthorized: false, servername: 'db.example' });
  });

  describe('refuse, naming the key', () => {
    const cases: [string, SettingsInput, string, string, RegExp][] = [
      ['no contact points', { localDataCenter: 'dc1' }, 'CONFIG_MISSING', 'CASSANDRA_CONTACT_POINTS', /is required/],
      [
        'empty contact points',
        { ...required, contactPoints: ' , ' },
        'CONFIG_MISSING',
        'CASSANDRA_CONTACT_POINTS',
        /is required/,
      ],
      ['no datacenter', { contactPoints: 'db1' }, 'CONFIG_MISSING', 'CASSANDRA_LOCAL_DATACENTER', /is required/],
      ['a port that is a word', { ...required, port: 'ninety' }, 'CONFIG_INVALID', 'CASSANDRA_PORT', /whole number/],
      ['port zero', { ...required, port: '0' }, 'CONFIG_INVALID', 'CASSANDRA_PORT', /from 1 to 65535/],
      [
        'a contact point port that is a word',
        { ...required, contactPoints: 'db1:abc' },
        'CONFIG_INVALID',
        'CASSANDRA_CONTACT_POINTS',
        /"db1:abc"/,
      ],
      [
        'zero connection attempts',
        { ...required, connectRetries: '0' },
        'CONFIG_INVALID',
        'CASSANDRA_CONNECT_RETRIES',
        /from 1/,
      ],
      [
        'a negative delay',
        { ...required, connectRetryDelayMs: '-5' },
        'CONFIG_INVALID',
        'CASSANDRA_CONNECT_RETRY_DELAY_MS',
        /whole number/,
      ],
      [
        'a boolean that is not one',
        { ...required, tls: { enabled: 'sometimes' } },
        'CONFIG_INVALID',
        'CASSANDRA_TLS_ENABLED',
        /"sometimes"/,
      ],
      [
        'TLS 1.1',
        { ...required, tls: { enabled: true, minVersion: 'TLSv1.1' } },
        'CONFIG_INVALID',
        'CASSANDRA_TLS_MIN_VERSION',
        /not secure/,
      ],
      [
        'a username without a password',
        { ...required, username: 'app' },
        'CONFIG_MISSING',
        'CASSANDRA_PASSWORD',
        /with a username/,
      ],
      [
        'a password without a username',
        { ...required, password: 'x' },
        'CONFIG_MISSING',
        'CASSANDRA_USERNAME',
        /with a password/,
      ],
      [
        'a key without a certificate',
        { ...required, tls: { keyFile: 'k.pem' } },
        'CONFIG_MISSING',
        'CASSANDRA_TLS_CERT_FILE',
        /private key/,
      ],
      [
        'a certificate without a key',
        { ...required, tls: { certPem: 'x' } },
        'CONFIG_MISSING',
        'CASSANDRA_TLS_KEY_FILE',
        /client certificate/,
      ],
      [
        'a CA as file and inline at once',
        { ...required, tls: { caFile: 'a.pem', caPem: 'x' } },
        'CONFIG_INVALID',
        'CASSANDRA_TLS_CA_PEM',
        /both set/,
      ],
      [
        'two certificate files',
        { ...required, tls: { certFile: 'a.pem,b.pem', keyFile: 'k.pem' } },
        'CONFIG_INVALID',
        'CASSANDRA_TLS_CERT_FILE',
        /one file/,
      ],
      [
        'a number where a name belongs',
        { ...required, keyspace: 42 },
        'CONFIG_INVALID',
        'CASSANDRA_KEYSPACE',
        /must be a string/,
      ],
    ];

    it.each(cases)('%s', (_, input, code, key, says) => {
      const error = errorOf(() => resolveSettings(input));
      expect(error.code).toBe(code);
      expect(error.key).toBe(key);
      expect(error.message).toContain(key);
      expect(error.message).toMatch(says);
    });

    it('with the named prefix for a named client', () => {
      const error = errorOf(() => resolveSettings({ contactPoints: 'db1' }, 'audit'));
      expect(error.key).toBe('CASSANDRA_AUDIT_LOCAL_DATACENTER');
    });
  });
});

function requiredEnv() {
  return { CASSANDRA_CONTACT_POINTS: 'db1', CASSANDRA_LOCAL_DATACENTER: 'dc1' };
}
