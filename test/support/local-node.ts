// What the integration tests know about the local node started by the Jest global setup.
import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from 'cassandra-driver';
import {
  createCertificateAuthority,
  issueCertificate,
  loadCertificateAuthority,
  type CertificateAuthority,
} from '../../cassandra/certificates.mjs';
import { LOCAL_DATACENTER, NATIVE_PORT, paths } from '../../cassandra/node.mjs';

export { LOCAL_DATACENTER, NATIVE_PORT };
export const CONTACT_POINT = `127.0.0.1:${NATIVE_PORT}`;

export const nodeFiles = {
  ca: paths.caCert,
  clientCert: paths.clientCert,
  clientKey: paths.clientKey,
};

/** The CA the local node trusts for client certificates (and that signed its server certificate). */
export function nodeCertificateAuthority(): Promise<CertificateAuthority> {
  return loadCertificateAuthority(readFileSync(paths.caCert, 'utf8'), readFileSync(paths.caKey, 'utf8'));
}

/** A CA the local node knows nothing about. */
export function foreignCertificateAuthority(): Promise<CertificateAuthority> {
  return createCertificateAuthority({ commonName: 'Some other CA' });
}

export { issueCertificate };

/** The local node's settings as ConfigService keys, for the default client or under `CASSANDRA_<NAME>_`. */
export function nodeConfig(prefix = 'CASSANDRA_'): Record<string, string> {
  return {
    [`${prefix}CONTACT_POINTS`]: '127.0.0.1',
    [`${prefix}PORT`]: String(NATIVE_PORT),
    [`${prefix}LOCAL_DATACENTER`]: LOCAL_DATACENTER,
    [`${prefix}TLS_CA_FILE`]: nodeFiles.ca,
    [`${prefix}TLS_CERT_FILE`]: nodeFiles.clientCert,
    [`${prefix}TLS_KEY_FILE`]: nodeFiles.clientKey,
  };
}

/** The local node's settings as `forRoot` options. */
export function nodeOptions() {
  return {
    contactPoints: [CONTACT_POINT],
    localDataCenter: LOCAL_DATACENTER,
    tls: { caFile: nodeFiles.ca, certFile: nodeFiles.clientCert, keyFile: nodeFiles.clientKey },
  };
}

/** The plain driver, no module: connects with these sslOptions and reads the node's release_version. */
export async function readVersionWithPlainDriver(sslOptions: ClientOptions['sslOptions']): Promise<string> {
  const client = new Client({ contactPoints: [CONTACT_POINT], localDataCenter: LOCAL_DATACENTER, sslOptions });
  try {
    await client.connect();
    const result = await client.execute('SELECT release_version FROM system.local');
    return String(result.first().get('release_version'));
  } finally {
    await client.shutdown();
  }
}
