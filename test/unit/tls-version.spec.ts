// The client side of the TLS handshake: no version below TLS 1.2 is offered.
import { connect, createServer, type ConnectionOptions, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { resolveSettings } from '../../lib/config/resolve-settings.js';
import { loadTlsMaterial } from '../../lib/tls/load-tls-material.js';
import { createSslOptions } from '../../lib/tls/ssl-options.js';
import { createCertificateAuthority, issueCertificate } from '../../cassandra/certificates.mjs';

/** Resolves with the negotiated protocol, or rejects with the handshake error's code. */
function handshake(port: number, options: ConnectionOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...options }, () => {
      resolve(socket.getProtocol() ?? 'none');
      socket.end();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code)));
  });
}

describe('the TLS versions the client offers', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  /** A loopback TLS server that speaks only the versions given. */
  async function serverSpeaking(
    minVersion: 'TLSv1' | 'TLSv1.2',
    maxVersion: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3',
  ): Promise<{ port: number; ca: string }> {
    const authority = await createCertificateAuthority();
    const leaf = await issueCertificate(authority, {
      commonName: '127.0.0.1',
      usage: 'server',
      ipAddresses: ['127.0.0.1'],
    });
    // SECLEVEL=0 lets OpenSSL 3 speak TLS 1.0/1.1 at all, so that a refusal is the client's doing.
    const server = createServer(
      { key: leaf.keyPem, cert: leaf.certPem, minVersion, maxVersion, ciphers: 'DEFAULT@SECLEVEL=0' },
      (socket) => socket.end(),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, ca: authority.certPem };
  }

  const moduleSslOptions = (ca: string, minVersion?: string) => {
    const tls = resolveSettings({
      contactPoints: '127.0.0.1',
      localDataCenter: 'dc1',
      tls: { caPem: ca, minVersion },
    }).tls!;
    return createSslOptions(loadTlsMaterial(tls), tls, new Map());
  };

  it('refuses a server that speaks TLS 1.1 at most, which an unrestricted client would accept', async () => {
    const { port, ca } = await serverSpeaking('TLSv1', 'TLSv1.1');
    await expect(handshake(port, { ca, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' })).resolves.toBe('TLSv1.1');
    await expect(handshake(port, moduleSslOptions(ca))).rejects.toThrow(/PROTOCOL|VERSION/);
  });

  it('speaks TLS 1.2 and 1.3 by default', async () => {
    for (const [maxVersion, expected] of [
      ['TLSv1.2', 'TLSv1.2'],
      ['TLSv1.3', 'TLSv1.3'],
    ] as const) {
      const { port, ca } = await serverSpeaking('TLSv1.2', maxVersion);
      await expect(handshake(port, moduleSslOptions(ca))).resolves.toBe(expected);
    }
  });

  it('refuses TLS 1.2 when CASSANDRA_TLS_MIN_VERSION=TLSv1.3', async () => {
    const { port, ca } = await serverSpeaking('TLSv1.2', 'TLSv1.2');
    await expect(handshake(port, moduleSslOptions(ca, 'TLSv1.3'))).rejects.toThrow(/PROTOCOL|VERSION/);
  });
});
