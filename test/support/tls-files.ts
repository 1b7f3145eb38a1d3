// A temporary folder of PEM files, good and broken, made by the tests themselves.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCertificateAuthority,
  issueCertificate,
  type CertificateAuthority,
  type IssuedMaterial,
} from '../../cassandra/certificates.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;

export class TlsFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'cassandra-tls-test-'));

  /** Writes `content` to `name` in the folder (owner-only by default) and returns its path. */
  write(name: string, content: string | Buffer, mode = 0o600): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    chmodSync(path, mode);
    return path;
  }

  /** Writes a certificate and its key as `<name>.pem` and `<name>-key.pem`. */
  writePair(name: string, material: IssuedMaterial): { cert: string; key: string } {
    return { cert: this.write(`${name}.pem`, material.certPem), key: this.write(`${name}-key.pem`, material.keyPem) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Client certificates in every state the checks care about, signed by `ca`. */
export async function clientCertificates(ca: CertificateAuthority) {
  const now = Date.now();
  return {
    valid: await issueCertificate(ca, { commonName: 'valid-client', usage: 'client' }),
    expired: await issueCertificate(ca, {
      commonName: 'expired-client',
      usage: 'client',
      notBefore: new Date(now - 30 * DAY_MS),
      notAfter: new Date(now - DAY_MS),
    }),
    notYetValid: await issueCertificate(ca, {
      commonName: 'future-client',
      usage: 'client',
      notBefore: new Date(now + 10 * DAY_MS),
      notAfter: new Date(now + 40 * DAY_MS),
    }),
    expiringSoon: await issueCertificate(ca, { commonName: 'expiring-client', usage: 'client', days: 3 }),
    encrypted: await issueCertificate(ca, {
      commonName: 'encrypted-client',
      usage: 'client',
      keyPassphrase: 'correct horse',
    }),
  };
}

export { createCertificateAuthority };
