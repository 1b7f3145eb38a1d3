// Every misconfiguration of SPEC.md stops start-up with one CassandraConfigError
// that names the key (and the file), says what to do, comes within seconds, and
// shows no key material, passphrase or password, in the error or in the logs.
import { inspect } from 'node:util';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { CassandraConfigError, CassandraModule, type CassandraErrorCode } from '../../lib/index.js';
import { CapturedLogger } from '../support/captured-logger.js';
import { foreignCertificateAuthority, nodeCertificateAuthority, nodeConfig } from '../support/local-node.js';
import { TlsFiles, clientCertificates } from '../support/tls-files.js';

const PASSWORD = 'never-print-this-password';
const PASSPHRASE = 'correct horse';
const WRONG_PASSPHRASE = 'wrong-passphrase-value';
const PLAINTEXT_PORT = 9043;

interface Case {
  behaviour: string;
  /** ConfigService values over the local node's defaults; `undefined` removes a key. */
  config: () => Record<string, string | undefined>;
  code: CassandraErrorCode;
  key: string;
  /** A path that the message must name. */
  file?: () => string;
  /** Words the message must hold, so a person knows what to do. */
  says: RegExp;
}

describe('a misconfiguration', () => {
  const files = new TlsFiles();
  let paths: Record<string, string>;
  let secrets: string[];

  beforeAll(async () => {
    const nodeCa = await nodeCertificateAuthority();
    const otherCa = await foreignCertificateAuthority();
    const certificates = await clientCertificates(nodeCa);
    const foreignClient = (await clientCertificates(otherCa)).valid;
    const valid = files.writePair('valid', certificates.valid);
    const encrypted = files.writePair('encrypted', certificates.encrypted);
    const foreign = files.writePair('foreign', foreignClient);
    paths = {
      validCert: valid.cert,
      validKey: valid.key,
      encryptedCert: encrypted.cert,
      encryptedKey: encrypted.key,
      expiredCert: files.writePair('expired', certificates.expired).cert,
      expiredKey: files.write('expired-key.pem', certificates.expired.keyPem),
      futureCert: files.writePair('future', certificates.notYetValid).cert,
      futureKey: files.write('future-key.pem', certificates.notYetValid.keyPem),
      foreignCert: foreign.cert,
      foreignKey: foreign.key,
      otherCa: files.write('other-ca.pem', otherCa.certPem),
      notPem: files.write('not-pem.pem', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00])),
      missing: `${files.dir}/no-such-ca.pem`,
    };
    // Every line of every private key body, and the passphrases and password.
    secrets = [
      certificates.valid,
      certificates.encrypted,
      certificates.expired,
      certificates.notYetValid,
      foreignClient,
    ]
      .flatMap((material) =>
        material.keyPem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')),
      )
      .concat(PASSWORD, PASSPHRASE, WRONG_PASSPHRASE);
  });
  afterAll(() => files.remove());

  const cases: Case[] = [
    {
      behaviour: 'without contact points names CASSANDRA_CONTACT_POINTS',
      config: () => ({ CASSANDRA_CONTACT_POINTS: undefined }),
      code: 'CONFIG_MISSING',
      key: 'CASSANDRA_CONTACT_POINTS',
      says: /is required/,
    },
    {
      behaviour: 'without a local datacenter names CASSANDRA_LOCAL_DATACENTER',
      config: () => ({ CASSANDRA_LOCAL_DATACENTER: undefined }),
      code: 'CONFIG_MISSING',
      key: 'CASSANDRA_LOCAL_DATACENTER',
      says: /is required/,
    },
    {
      behaviour: 'with a boolean that is not one says which words are accepted',
      config: () => ({ CASSANDRA_TLS_REJECT_UNAUTHORIZED: 'maybe' }),
      code: 'CONFIG_INVALID',
      key: 'CASSANDRA_TLS_REJECT_UNAUTHORIZED',
      says: /true or false .*"maybe"/,
    },
    {
      behaviour: 'with a port out of range names CASSANDRA_PORT',
      config: () => ({ CASSANDRA_PORT: '70000' }),
      code: 'CONFIG_INVALID',
      key: 'CASSANDRA_PORT',
      says: /from 1 to 65535/,
    },
    {
      behaviour: 'with a TLS version below 1.2 refuses it',
      config: () => ({ CASSANDRA_TLS_MIN_VERSION: 'TLSv1.1' }),
      code: 'CONFIG_INVALID',
      key: 'CASSANDRA_TLS_MIN_VERSION',
      says: /TLSv1\.2 or TLSv1\.3/,
    },
    {
      behaviour: 'with a CA file that does not exist names the key and the path',
      config: () => ({ CASSANDRA_TLS_CA_FILE: paths.missing }),
      code: 'TLS_FILE_UNREADABLE',
      key: 'CASSANDRA_TLS_CA_FILE',
      file: () => paths.missing,
      says: /does not exist/,
    },
    {
      behaviour: 'with a CA file that is not PEM says how to convert it',
      config: () => ({ CASSANDRA_TLS_CA_FILE: paths.notPem }),
      code: 'TLS_NOT_PEM',
      key: 'CASSANDRA_TLS_CA_FILE',
      file: () => paths.notPem,
      says: /no PEM data.*openssl/,
    },
    {
      behaviour: 'with a private key given as the CA says a certificate belongs there',
      config: () => ({ CASSANDRA_TLS_CA_FILE: paths.validKey }),
      code: 'TLS_WRONG_PEM_TYPE',
      key: 'CASSANDRA_TLS_CA_FILE',
      file: () => paths.validKey,
      says: /no CERTIFICATE block/,
    },
    {
      behaviour: 'with a certificate given as the key suspects swapped settings',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: paths.validCert, CASSANDRA_TLS_KEY_FILE: paths.validCert }),
      code: 'TLS_WRONG_PEM_TYPE',
      key: 'CASSANDRA_TLS_KEY_FILE',
      file: () => paths.validCert,
      says: /no private key block.*swapped/,
    },
    {
      behaviour: 'with an encrypted key and no passphrase asks for CASSANDRA_TLS_KEY_PASSPHRASE',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: paths.encryptedCert, CASSANDRA_TLS_KEY_FILE: paths.encryptedKey }),
      code: 'TLS_KEY_PASSPHRASE_MISSING',
      key: 'CASSANDRA_TLS_KEY_FILE',
      file: () => paths.encryptedKey,
      says: /encrypted.*CASSANDRA_TLS_KEY_PASSPHRASE/,
    },
    {
      behaviour: 'with a wrong passphrase says so without printing it',
      config: () => ({
        CASSANDRA_TLS_CERT_FILE: paths.encryptedCert,
        CASSANDRA_TLS_KEY_FILE: paths.encryptedKey,
        CASSANDRA_TLS_KEY_PASSPHRASE: WRONG_PASSPHRASE,
      }),
      code: 'TLS_KEY_PASSPHRASE_WRONG',
      key: 'CASSANDRA_TLS_KEY_FILE',
      file: () => paths.encryptedKey,
      says: /passphrase is wrong/,
    },
    {
      behaviour: 'with a key that belongs to another certificate names both files',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: paths.validCert, CASSANDRA_TLS_KEY_FILE: paths.foreignKey }),
      code: 'TLS_KEY_MISMATCH',
      key: 'CASSANDRA_TLS_KEY_FILE',
      file: () => paths.validCert,
      says: /does not belong to the client certificate/,
    },
    {
      behaviour: 'with an expired client certificate gives the date it expired',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: paths.expiredCert, CASSANDRA_TLS_KEY_FILE: paths.expiredKey }),
      code: 'TLS_CERT_EXPIRED',
      key: 'CASSANDRA_TLS_CERT_FILE',
      file: () => paths.expiredCert,
      says: /expired on \d{4}-\d\d-\d\d.*Renew/,
    },
    {
      behaviour: 'with a client certificate not valid yet gives the date it starts',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: paths.futureCert, CASSANDRA_TLS_KEY_FILE: paths.futureKey }),
      code: 'TLS_CERT_NOT_YET_VALID',
      key: 'CASSANDRA_TLS_CERT_FILE',
      file: () => paths.futureCert,
      says: /not valid before \d{4}-\d\d-\d\d/,
    },
    {
      behaviour: 'with a client certificate and no key asks for the key',
      config: () => ({ CASSANDRA_TLS_KEY_FILE: undefined }),
      code: 'CONFIG_MISSING',
      key: 'CASSANDRA_TLS_KEY_FILE',
      says: /is required with a client certificate/,
    },
    {
      behaviour: 'with a CA that did not sign the server certificate asks for the right CA',
      config: () => ({ CASSANDRA_TLS_CA_FILE: paths.otherCa }),
      code: 'TLS_SERVER_UNTRUSTED',
      key: 'CASSANDRA_TLS_CA_FILE',
      says: /not signed by a trusted CA/,
    },
    {
      behaviour: 'with a server certificate that does not name the host points at CASSANDRA_TLS_SERVERNAME',
      config: () => ({ CASSANDRA_TLS_SERVERNAME: 'cassandra.wrong.example' }),
      code: 'TLS_SERVER_NAME_MISMATCH',
      key: 'CASSANDRA_TLS_SERVERNAME',
      says: /does not name the host.*cassandra\.wrong\.example/,
    },
    {
      behaviour: 'without a client certificate where the server demands one asks for one',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: undefined, CASSANDRA_TLS_KEY_FILE: undefined }),
      code: 'TLS_CLIENT_CERT_REQUIRED',
      key: 'CASSANDRA_TLS_CERT_FILE',
      says: /requires a client certificate/,
    },
    {
      behaviour: 'with a client certificate from a CA the server does not trust says it was refused',
      config: () => ({ CASSANDRA_TLS_CERT_FILE: paths.foreignCert, CASSANDRA_TLS_KEY_FILE: paths.foreignKey }),
      code: 'TLS_CLIENT_CERT_REJECTED',
      key: 'CASSANDRA_TLS_CERT_FILE',
      says: /refused the client certificate/,
    },
    {
      behaviour: 'with TLS against a plaintext port says the port does not speak TLS',
      config: () => ({ CASSANDRA_PORT: String(PLAINTEXT_PORT) }),
      code: 'TLS_NOT_ENABLED_ON_SERVER',
      key: 'CASSANDRA_TLS_ENABLED',
      says: /does not speak TLS/,
    },
    {
      behaviour: 'with plaintext against a TLS port says the port expects TLS',
      config: () => ({ CASSANDRA_TLS_ENABLED: 'false' }),
      code: 'TLS_REQUIRED_BY_SERVER',
      key: 'CASSANDRA_TLS_ENABLED',
      says: /expects TLS/,
    },
    {
      behaviour: 'with a datacenter the cluster does not have lists the ones it has',
      config: () => ({ CASSANDRA_LOCAL_DATACENTER: 'dc-on-the-moon' }),
      code: 'CONFIG_INVALID',
      key: 'CASSANDRA_LOCAL_DATACENTER',
      says: /datacenter1/,
    },
    {
      behaviour: 'with a keyspace that does not exist names CASSANDRA_KEYSPACE',
      config: () => ({ CASSANDRA_KEYSPACE: 'no_such_keyspace' }),
      code: 'CONFIG_INVALID',
      key: 'CASSANDRA_KEYSPACE',
      says: /does not exist/,
    },
    {
      behaviour: 'with an unreachable server fails after the configured attempts, naming the host',
      config: () => ({ CASSANDRA_PORT: '1', CASSANDRA_CONNECT_RETRIES: '3', CASSANDRA_CONNECT_RETRY_DELAY_MS: '100' }),
      code: 'UNREACHABLE',
      key: '',
      says: /after 3 attempts.*\n.*127\.0\.0\.1:1: .*ECONNREFUSED/,
    },
  ];

  it.each(cases)('$behaviour', async ({ config, code, key, file, says }) => {
    const values = { ...nodeConfig(), CASSANDRA_USERNAME: 'app', CASSANDRA_PASSWORD: PASSWORD, ...config() };
    const logger = new CapturedLogger();
    const started = Date.now();
    const error = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => values] }), CassandraModule.forRootAsync()],
    })
      .setLogger(logger)
      .compile()
      .then(
        (app) => app.close().then(() => undefined),
        (failure: unknown) => failure,
      );

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(CassandraConfigError);
    const { code: actualCode, key: actualKey, message } = error as CassandraConfigError;
    expect(actualCode).toBe(code);
    expect(message).toMatch(says);
    if (key) {
      expect(actualKey).toBe(key);
      expect(message).toContain(key);
    }
    if (file) expect(message).toContain(file());
    const everything = `${inspect(error, { depth: 5 })}\n${logger.text()}`;
    expect(everything).not.toMatch(/-----BEGIN [A-Z ]+-----/);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('with CASSANDRA_TLS_REJECT_UNAUTHORIZED=false connects, and warns at start-up', async () => {
    const logger = new CapturedLogger();
    const values = {
      ...nodeConfig(),
      CASSANDRA_TLS_CA_FILE: paths.otherCa,
      CASSANDRA_TLS_REJECT_UNAUTHORIZED: 'false',
    };
    const app = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => values] }), CassandraModule.forRootAsync()],
    })
      .setLogger(logger)
      .compile();
    await app.close();
    expect(logger.text('warn')).toMatch(
      /CASSANDRA_TLS_REJECT_UNAUTHORIZED .* is false: the server's certificate is not verified/,
    );
  });
});
