// Rotating the client certificate on disk while the application runs queries:
// the module checks the new files, uses them for every new connection, and no
// query fails because of the rotation.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Test, type TestingModule } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { Client, policies } from 'cassandra-driver';
import { CassandraModule } from '../../lib/index.js';
import { CassandraHealthIndicator } from '../../lib/health/index.js';
import { CapturedLogger } from '../support/captured-logger.js';
import { eventually } from '../support/eventually.js';
import {
  CONTACT_POINT,
  LOCAL_DATACENTER,
  foreignCertificateAuthority,
  issueCertificate,
  nodeCertificateAuthority,
  nodeFiles,
  readVersionWithPlainDriver,
} from '../support/local-node.js';
import { dropClientConnections, restoreClientTrust, trustClientCertificatesFrom } from '../support/node-control.js';
import { TlsFiles } from '../support/tls-files.js';
import type { CertificateAuthority, IssuedMaterial } from '../../cassandra/certificates.mjs';

const WATCH_INTERVAL_MS = 200;

/** Queries in a loop on a few concurrent workers, counting what succeeds and what fails, and when. */
class QueryLoad {
  succeeded = 0;
  failures: { at: number; message: string }[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(client: Client, concurrency = 4) {
    this.workers = Array.from({ length: concurrency }, async () => {
      while (this.running) {
        try {
          await client.execute('SELECT release_version FROM system.local', [], { prepare: true });
          this.succeeded++;
        } catch (error) {
          this.failures.push({ at: Date.now(), message: (error as Error).message });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}

describe('client certificate rotation', () => {
  const files = new TlsFiles();
  const logger = new CapturedLogger();
  let app: TestingModule;
  let client: Client;
  let health: CassandraHealthIndicator;
  let nodeCa: CertificateAuthority;
  let newCa: CertificateAuthority;
  let original: IssuedMaterial;
  let certFile: string;
  let keyFile: string;

  /** Replaces the certificate and key the way deployment tools do: write beside, then rename over. */
  const rotateTo = (material: Pick<IssuedMaterial, 'certPem' | 'keyPem'>) => {
    writeFileSync(`${certFile}.new`, material.certPem);
    writeFileSync(`${keyFile}.new`, material.keyPem, { mode: 0o600 });
    renameSync(`${certFile}.new`, certFile);
    renameSync(`${keyFile}.new`, keyFile);
  };
  const expiryInUse = async () => (await health.pingCheck()).cassandra.tls?.clientCertificateExpiresAt as string;

  beforeAll(async () => {
    nodeCa = await nodeCertificateAuthority();
    newCa = await foreignCertificateAuthority();
    original = await issueCertificate(nodeCa, { commonName: 'app-before-rotation', usage: 'client', days: 30 });
    ({ cert: certFile, key: keyFile } = files.writePair('client', original));
    app = await Test.createTestingModule({
      imports: [
        TerminusModule,
        CassandraModule.forRoot({
          contactPoints: [CONTACT_POINT],
          localDataCenter: LOCAL_DATACENTER,
          tls: { caFile: nodeFiles.ca, certFile, keyFile, watchIntervalMs: WATCH_INTERVAL_MS },
          driverOptions: { policies: { reconnection: new policies.reconnection.ConstantReconnectionPolicy(200) } },
        }),
      ],
      providers: [CassandraHealthIndicator],
    })
      .setLogger(logger)
      .compile();
    client = app.get(Client);
    health = app.get(CassandraHealthIndicator);
  });
  afterAll(async () => {
    restoreClientTrust();
    await app.close();
    files.remove();
  });

  it('uses the new certificate for new connections, with no query failing because of the rotation', async () => {
    const rotated = await issueCertificate(newCa, { commonName: 'app-after-rotation', usage: 'client', days: 90 });
    const load = new QueryLoad(client);
    try {
      // The cluster learns to trust the new CA first, as in a real rollout.
      trustClientCertificatesFrom(nodeCa.certPem, newCa.certPem);
      const before = await expiryInUse();

      const rotatedAt = Date.now();
      rotateTo(rotated);
      await eventually(async () => expect(await expiryInUse()).not.toBe(before), 10_000, 20);
      const pickupMs = Date.now() - rotatedAt;
      expect(await expiryInUse()).toBe(new Date(rotated.certificate.notAfter).toISOString());
      expect(logger.text('log')).toMatch(
        /TLS material reloaded for new connections: client certificate CN=app-after-rotation/,
      );

      // From now on the node refuses the old certificate: only the new one can open a connection.
      trustClientCertificatesFrom(newCa.certPem);
      await expect(
        readVersionWithPlainDriver({
          ca: readFileSync(nodeFiles.ca),
          cert: original.certPem,
          key: original.keyPem,
          rejectUnauthorized: true,
        }),
      ).rejects.toThrow(/alert/);
      const failedDuringRotation = load.failures.length;
      const succeededDuringRotation = load.succeeded;

      const droppedAt = Date.now();
      await dropClientConnections();
      await eventually(
        () => expect(load.failures.filter((failure) => failure.at > Date.now() - 300)).toEqual([]),
        30_000,
      );
      const succeededBefore = load.succeeded;
      await eventually(() => expect(load.succeeded).toBeGreaterThan(succeededBefore + 50), 30_000);

      expect(failedDuringRotation).toBe(0);
      expect(succeededDuringRotation).toBeGreaterThan(0);
      expect((await health.pingCheck()).cassandra.status).toBe('up');
      console.log(
        `rotation: picked up after ${pickupMs} ms; ${succeededDuringRotation} queries during the rotation, ${failedDuringRotation} failed; ` +
          `${load.failures.length} failed while the node dropped every connection (forced reconnection, ${Date.now() - droppedAt} ms until steady)`,
      );
    } finally {
      await load.stop();
    }
  }, 90_000);

  it('keeps the material in use and logs an error when the new files fail the checks', async () => {
    const inUse = await expiryInUse();
    const stranger = await issueCertificate(newCa, { commonName: 'stranger', usage: 'client' });
    const other = await issueCertificate(newCa, { commonName: 'other', usage: 'client' });
    rotateTo({ certPem: stranger.certPem, keyPem: other.keyPem });
    await eventually(
      () => expect(logger.text('error')).toMatch(/\[TLS_KEY_MISMATCH\].*The material in use .* stays\./s),
      10_000,
      50,
    );
    expect(await expiryInUse()).toBe(inUse);
    await expect(client.execute('SELECT now() FROM system.local')).resolves.toBeDefined();
  });

  it('never logs key material while reloading', () => {
    expect(logger.text()).not.toMatch(/-----BEGIN [A-Z ]+-----/);
  });
});
