// The local node itself, through the plain driver: TLS is on and both sides verify.
import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from 'cassandra-driver';
import {
  CONTACT_POINT,
  LOCAL_DATACENTER,
  foreignCertificateAuthority,
  issueCertificate,
  nodeFiles,
} from '../support/local-node.js';

async function connectAndReadVersion(sslOptions: ClientOptions['sslOptions']): Promise<string> {
  const client = new Client({ contactPoints: [CONTACT_POINT], localDataCenter: LOCAL_DATACENTER, sslOptions });
  try {
    await client.connect();
    const result = await client.execute('SELECT release_version FROM system.local');
    return String(result.first().get('release_version'));
  } finally {
    await client.shutdown();
  }
}

const trustedCa = () => readFileSync(nodeFiles.ca);

describe('the local Cassandra node', () => {
  it('answers over TLS to a client that presents its certificate, as Cassandra 5.0', async () => {
    const version = await connectAndReadVersion({
      ca: trustedCa(),
      cert: readFileSync(nodeFiles.clientCert),
      key: readFileSync(nodeFiles.clientKey),
      rejectUnauthorized: true,
    });
    expect(version).toMatch(/^5\.0\.\d+/);
  });

  it('refuses a client that presents no certificate', async () => {
    await expect(connectAndReadVersion({ ca: trustedCa(), rejectUnauthorized: true })).rejects.toThrow(
      /certificate required/,
    );
  });

  it('is refused by a client that trusts a different CA', async () => {
    const otherCa = await foreignCertificateAuthority();
    const client = await issueCertificate(otherCa, { commonName: 'other-client', usage: 'client' });
    await expect(
      connectAndReadVersion({
        ca: otherCa.certPem,
        cert: client.certPem,
        key: client.keyPem,
        rejectUnauthorized: true,
      }),
    ).rejects.toThrow(/unable to verify the first certificate|unable to get local issuer certificate/);
  });
});
