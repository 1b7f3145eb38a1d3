// The local node itself, through the plain driver: TLS is on and both sides verify.
import { readFileSync } from 'node:fs';
import {
  foreignCertificateAuthority,
  issueCertificate,
  nodeFiles,
  readVersionWithPlainDriver,
} from '../support/local-node.js';

const trustedCa = () => readFileSync(nodeFiles.ca);

describe('the local Cassandra node', () => {
  it('answers over TLS to a client that presents its certificate, as Cassandra 5.0', async () => {
    const version = await readVersionWithPlainDriver({
      ca: trustedCa(),
      cert: readFileSync(nodeFiles.clientCert),
      key: readFileSync(nodeFiles.clientKey),
      rejectUnauthorized: true,
    });
    expect(version).toMatch(/^5\.0\.\d+/);
  });

  it('refuses a client that presents no certificate', async () => {
    await expect(readVersionWithPlainDriver({ ca: trustedCa(), rejectUnauthorized: true })).rejects.toThrow(
      /certificate required/,
    );
  });

  it('is refused by a client that trusts a different CA', async () => {
    const otherCa = await foreignCertificateAuthority();
    const client = await issueCertificate(otherCa, { commonName: 'other-client', usage: 'client' });
    await expect(
      readVersionWithPlainDriver({
        ca: otherCa.certPem,
        cert: client.certPem,
        key: client.keyPem,
        rejectUnauthorized: true,
      }),
    ).rejects.toThrow(/unable to verify the first certificate|unable to get local issuer certificate/);
  });
});
