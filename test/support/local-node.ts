// What the integration tests know about the local node started by the Jest global setup.
import { readFileSync } from 'node:fs';
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
