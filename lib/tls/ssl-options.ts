import { checkServerIdentity, createSecureContext, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import type { TlsSettings } from '../config/resolve-settings.js';
import { describeSetting } from '../config/setting-keys.js';
import { CassandraConfigError, CassandraErrorCode } from '../errors.js';
import type { TlsMaterial } from './load-tls-material.js';

/** The `sslOptions` object handed to the driver; the driver passes it to `tls.connect` for every connection. */
export type SslOptions = ConnectionOptions;

function secureContextFor(material: TlsMaterial, tls: TlsSettings, clientName: string | undefined) {
  try {
    return createSecureContext({
      ca: material.ca,
      cert: material.cert,
      key: material.key,
      passphrase: material.passphrase,
      minVersion: tls.minVersion,
    });
  } catch (error) {
    throw new CassandraConfigError(
      CassandraErrorCode.CONFIG_INVALID,
      `Node could not build a TLS context from ${describeSetting(tls.key ? 'tls.keyFile' : 'tls.caFile', clientName)} and the other TLS settings: ${(error as Error).message}.`,
      { cause: error },
    );
  }
}

/**
 * The server-identity check. Node checks the name it connected to, and the
 * driver connects to IP addresses only (it resolves host names itself), so a
 * certificate that names `cassandra.example.com` would fail for a contact point
 * given as that name: the name the address was resolved from is accepted too.
 */
function serverIdentityCheck(tls: TlsSettings, hostNamesByAddress: ReadonlyMap<string, string>) {
  if (!tls.verifyHostname) return () => undefined;
  return (host: string, certificate: PeerCertificate): Error | undefined => {
    const error = checkServerIdentity(host, certificate);
    const resolvedFrom = hostNamesByAddress.get(host);
    return error && resolvedFrom && !checkServerIdentity(resolvedFrom, certificate) ? undefined : error;
  };
}

/**
 * The driver's sslOptions: a secure context built from the checked material
 * (so `ca`, `cert` and `key` are not repeated here), chain verification on
 * unless turned off, the server-identity check, and SERVERNAME for SNI.
 */
export function createSslOptions(
  material: TlsMaterial,
  tls: TlsSettings,
  hostNamesByAddress: ReadonlyMap<string, string>,
  clientName?: string,
): SslOptions {
  return {
    secureContext: secureContextFor(material, tls, clientName),
    // The driver's own default is false; this module verifies unless told not to.
    rejectUnauthorized: tls.rejectUnauthorized,
    servername: tls.servername,
    checkServerIdentity: serverIdentityCheck(tls, hostNamesByAddress),
  };
}

/**
 * Puts new material into sslOptions that the driver already holds. The driver
 * keeps the object it was given and copies it for every new connection, so the
 * new secure context serves every connection opened from now on.
 */
export function replaceSslMaterial(
  sslOptions: SslOptions,
  material: TlsMaterial,
  tls: TlsSettings,
  clientName?: string,
): void {
  sslOptions.secureContext = secureContextFor(material, tls, clientName);
}
