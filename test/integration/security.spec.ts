// The security promises, against the local node: names are checked unless
// SERVERNAME names the certificate, and nothing secret reaches logs or /health.
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { Client } from 'cassandra-driver';
import { CassandraModule } from '../../lib/index.js';
import { CassandraHealthIndicator } from '../../lib/health/index.js';
import { CapturedLogger } from '../support/captured-logger.js';
import { issueCertificate, nodeCertificateAuthority, nodeConfig } from '../support/local-node.js';
import { TlsFiles } from '../support/tls-files.js';

const PASSPHRASE = 'a passphrase nobody may see';
const PASSWORD = 'a password nobody may see';

async function startWith(values: Record<string, string>, logger = new CapturedLogger()) {
  const app = await Test.createTestingModule({
    imports: [
      TerminusModule,
      ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => values] }),
      CassandraModule.forRootAsync(),
    ],
    providers: [CassandraHealthIndicator],
  })
    .setLogger(logger)
    .compile();
  return { app, logger };
}

describe('security', () => {
  const files = new TlsFiles();
  afterAll(() => files.remove());

  it('connects to an IP contact point when SERVERNAME is a name the server certificate holds', async () => {
    const { app } = await startWith({ ...nodeConfig(), CASSANDRA_TLS_SERVERNAME: 'localhost' });
    await expect(app.get(Client).execute('SELECT now() FROM system.local')).resolves.toBeDefined();
    await app.close();
  });

  it('connects by host name, verifying the certificate against that name', async () => {
    const { app } = await startWith({ ...nodeConfig(), CASSANDRA_CONTACT_POINTS: 'localhost' });
    await expect(app.get(Client).execute('SELECT now() FROM system.local')).resolves.toBeDefined();
    await app.close();
  });

  it('keeps key material, passphrases and passwords out of logs and /health', async () => {
    const client = await issueCertificate(await nodeCertificateAuthority(), {
      commonName: 'secretive',
      usage: 'client',
      keyPassphrase: PASSPHRASE,
    });
    const pair = files.writePair('secretive', client);
    const { app, logger } = await startWith({
      ...nodeConfig(),
      CASSANDRA_TLS_CERT_FILE: pair.cert,
      CASSANDRA_TLS_KEY_FILE: pair.key,
      CASSANDRA_TLS_KEY_PASSPHRASE: PASSPHRASE,
      CASSANDRA_USERNAME: 'app',
      CASSANDRA_PASSWORD: PASSWORD,
    });
    const health = JSON.stringify(await app.get(CassandraHealthIndicator).pingCheck());
    await app.close();
    const everything = `${logger.text()}\n${health}`;
    const keyBody = client.keyPem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
    for (const secret of [PASSPHRASE, PASSWORD, ...keyBody]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/-----BEGIN [A-Z ]+-----/);
    expect(health).toContain('"status":"up"');
  });

  it('warns at start-up about a private key file that every user can read', async () => {
    const client = await issueCertificate(await nodeCertificateAuthority(), {
      commonName: 'careless',
      usage: 'client',
    });
    const cert = files.write('careless.pem', client.certPem);
    const key = files.write('careless-key.pem', client.keyPem, 0o644);
    const { app, logger } = await startWith({
      ...nodeConfig(),
      CASSANDRA_TLS_CERT_FILE: cert,
      CASSANDRA_TLS_KEY_FILE: key,
    });
    await app.close();
    expect(logger.text('warn')).toMatch(
      /careless-key\.pem is readable by every user of this machine; restrict it \(chmod 600\)/,
    );
  });
});
