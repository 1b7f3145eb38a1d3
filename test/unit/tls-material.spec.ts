// What is checked and built from PEM material before anything connects.
import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { resolveSettings, type TlsSettings } from '../../lib/config/resolve-settings.js';
import { loadTlsMaterial } from '../../lib/tls/load-tls-material.js';
import { createSslOptions } from '../../lib/tls/ssl-options.js';
import { createCertificateAuthority, issueCertificate } from '../../cassandra/certificates.mjs';
import { TlsFiles, clientCertificates } from '../support/tls-files.js';

const tlsSettings = (tls: Record<string, unknown>): TlsSettings =>
  resolveSettings({ contactPoints: 'db1', localDataCenter: 'dc1', tls: { enabled: true, ...tls } }).tls!;

describe('TLS material', () => {
  const files = new TlsFiles();
  afterAll(() => files.remove());

  it('trusts every certificate of a CA bundle, from several files', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => createCertificateAuthority({ commonName: `CA ${n}` })));
    const bundle = files.write('bundle.pem', a.certPem + b.certPem);
    const single = files.write('single.pem', c.certPem);
    const material = loadTlsMaterial(tlsSettings({ caFile: [bundle, single] }));
    expect(material.ca?.map((pem) => new X509Certificate(pem).subject)).toEqual(['CN=CA 1', 'CN=CA 2', 'CN=CA 3']);
  });

  it("leaves the CA to Node's root store when none is configured", () => {
    expect(loadTlsMaterial(tlsSettings({})).ca).toBeUndefined();
  });

  it('opens an encrypted key with its passphrase and keeps the certificate for its expiry', async () => {
    const ca = await createCertificateAuthority();
    const { encrypted } = await clientCertificates(ca);
    const material = loadTlsMaterial(
      tlsSettings({ certPem: encrypted.certPem, keyPem: encrypted.keyPem, keyPassphrase: 'correct horse' }),
    );
    expect(material.clientCertificate?.subject).toBe('CN=encrypted-client');
    expect(material.passphrase).toBe('correct horse');
    expect(material.warnings).toEqual([]);
  });

  it('warns about a client certificate that expires within two weeks', async () => {
    const ca = await createCertificateAuthority();
    const { expiringSoon } = await clientCertificates(ca);
    const material = loadTlsMaterial(tlsSettings({ certPem: expiringSoon.certPem, keyPem: expiringSoon.keyPem }));
    expect(material.warnings).toEqual([expect.stringMatching(/expires in [23] day\(s\)/)]);
  });

  it('warns about a private key file that every user can read', async () => {
    const ca = await createCertificateAuthority();
    const { valid } = await clientCertificates(ca);
    const cert = files.write('client.pem', valid.certPem);
    const key = files.write('open-key.pem', valid.keyPem, 0o644);
    const material = loadTlsMaterial(tlsSettings({ certFile: cert, keyFile: key }));
    expect(material.warnings).toEqual([
      expect.stringMatching(/CASSANDRA_TLS_KEY_FILE .*open-key\.pem is readable by every user.*chmod 600/),
    ]);
  });

  it('warns about an expired CA in the trusted bundle', async () => {
    const stale = await createCertificateAuthority({
      commonName: 'Stale CA',
      notBefore: new Date('2020-01-01'),
      notAfter: new Date('2021-01-01'),
    });
    const material = loadTlsMaterial(tlsSettings({ caPem: stale.certPem }));
    expect(material.warnings).toEqual([expect.stringMatching(/CN=Stale CA\) expired/)]);
  });
});

describe('sslOptions for the driver', () => {
  let server: { ca: string; byName: PeerCertificate; byAddress: PeerCertificate };

  beforeAll(async () => {
    const ca = await createCertificateAuthority();
    const peer = async (options: { dnsNames?: string[]; ipAddresses?: string[] }) => {
      const issued = await issueCertificate(ca, { commonName: 'node', usage: 'server', ...options });
      return new X509Certificate(issued.certPem).toLegacyObject();
    };
    server = {
      ca: ca.certPem,
      byName: await peer({ dnsNames: ['cassandra.example.com'] }),
      byAddress: await peer({ ipAddresses: ['10.1.2.3'] }),
    };
  });

  const build = (tls: Record<string, unknown>, hostNames = new Map<string, string>()) => {
    const settings = tlsSettings({ caPem: server.ca, ...tls });
    return createSslOptions(loadTlsMaterial(settings), settings, hostNames);
  };

  it('verify the chain (the driver alone would not) and carry the material in a secure context', () => {
    const options = build({});
    expect(options.rejectUnauthorized).toBe(true);
    expect(options.secureContext).toBeDefined();
    expect(options.servername).toBeUndefined();
  });

  it('check the server certificate against the address connected to', () => {
    const check = build({}).checkServerIdentity!;
    expect(check('10.1.2.3', server.byAddress)).toBeUndefined();
    expect(check('10.9.9.9', server.byAddress)).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('accept a certificate that names the host name the address was resolved from', () => {
    const check = build({}, new Map([['10.1.2.3', 'cassandra.example.com']])).checkServerIdentity!;
    expect(check('10.1.2.3', server.byName)).toBeUndefined();
    expect(check('10.4.5.6', server.byName)).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('send SERVERNAME as SNI, so Node checks the certificate against it', () => {
    const options = build({ servername: 'cassandra.example.com' });
    expect(options.servername).toBe('cassandra.example.com');
    expect(options.checkServerIdentity!('cassandra.example.com', server.byName)).toBeUndefined();
  });

  it('skip only the name check when CASSANDRA_TLS_VERIFY_HOSTNAME=false', () => {
    const options = build({ verifyHostname: false });
    expect(options.checkServerIdentity!('10.9.9.9', server.byName)).toBeUndefined();
    expect(options.rejectUnauthorized).toBe(true);
  });
});
