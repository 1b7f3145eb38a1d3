import { connect } from 'node:tls';
import { errors as driverErrors } from 'cassandra-driver';
import { splitContactPoint } from '../config/contact-point.js';
import type { CassandraSettings } from '../config/resolve-settings.js';
import { configKey, describeSetting } from '../config/setting-keys.js';
import { CassandraErrorCode } from '../errors.js';
import { describePemSource } from '../tls/pem-source.js';

/** Why one host could not be used, in words a person can act on. */
export interface HostFailure {
  host: string;
  code: CassandraErrorCode;
  /** What went wrong and what to do. */
  explanation: string;
  /** A failure that may pass (node down, network): worth another attempt. */
  transient: boolean;
  /** The key to name in the error. */
  key?: string;
}

type ErrorWithCode = Error & { code?: string | number };

// Node's codes for a server certificate chain that does not lead to a trusted CA.
const UNTRUSTED_CHAIN = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);
// TLS alerts a server sends when it wants a client certificate and got none
// (TLS 1.3: certificate_required; TLS 1.2: a plain handshake_failure).
const CLIENT_CERT_MISSING_ALERTS = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
]);
// Alerts a server sends when it refuses the client certificate presented
// (Cassandra's netty/BoringSSL stack answers an unknown CA with internal_error).
const CLIENT_CERT_REFUSED_ALERTS = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
  'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
]);
const NOT_TLS_ON_SERVER = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
]);
const PROTOCOL_VERSION_ALERTS = new Set(['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'ERR_SSL_UNSUPPORTED_PROTOCOL']);

/** A connection the server closed at once: with TLS off, a sign that the port expects TLS. */
const CONNECTION_DROPPED = new Set(['ECONNRESET', 'EPIPE']);
const TLS_PROBE_TIMEOUT_MS = 2000;

/**
 * Whether `host:port` answers a TLS handshake. A TLS alert (such as "certificate
 * required") counts: only a TLS server sends one. Nothing is verified or sent
 * beyond the handshake.
 */
function speaksTls(hostAndPort: string): Promise<boolean> {
  const { host, port } = splitContactPoint(hostAndPort);
  return new Promise((resolve) => {
    const socket = connect({ host, port, rejectUnauthorized: false, timeout: TLS_PROBE_TIMEOUT_MS });
    const settle = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('secureConnect', () => settle(true));
    socket.once('timeout', () => settle(false));
    socket.once('error', (error: ErrorWithCode) => settle(/_ALERT_/.test(String(error.code))));
  });
}

/** Explains why the server was not accepted or did not accept us, for one host. */
async function explainHostError(host: string, error: ErrorWithCode, settings: CassandraSettings): Promise<HostFailure> {
  const name = settings.clientName;
  const code = typeof error.code === 'string' ? error.code : '';
  const failure = (
    failureCode: CassandraErrorCode,
    explanation: string,
    { transient = false, key }: { transient?: boolean; key?: string } = {},
  ): HostFailure => ({ host, code: failureCode, explanation, transient, key });
  const tls = settings.tls;

  if (error instanceof driverErrors.ArgumentError && /localDataCenter/.test(error.message)) {
    return failure(
      CassandraErrorCode.CONFIG_INVALID,
      `${error.message}. Set ${describeSetting('localDataCenter', name)} to one of those.`,
      { key: configKey('localDataCenter', name) },
    );
  }
  if (error instanceof driverErrors.AuthenticationError) {
    return failure(
      CassandraErrorCode.AUTHENTICATION_FAILED,
      `the server refused the credentials (${describeSetting('username', name)} and ${describeSetting('password', name)}): check them.`,
      { key: configKey('username', name) },
    );
  }
  if (tls) {
    if (UNTRUSTED_CHAIN.has(code)) {
      return failure(
        CassandraErrorCode.TLS_SERVER_UNTRUSTED,
        `the server's certificate is not signed by a trusted CA (${code}). Set ${describeSetting('tls.caFile', name)} to the CA that issued the cluster's certificates${tls.ca.length === 0 ? ' (none is set, so only public root CAs are trusted)' : ''}.`,
        { key: configKey('tls.caFile', name) },
      );
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return failure(
        CassandraErrorCode.TLS_SERVER_NAME_MISMATCH,
        `the server's certificate does not name the host that was connected to: ${error.message}. Set ${describeSetting('tls.servername', name)} to a name the certificate holds, or connect by that name.`,
        { key: configKey('tls.servername', name) },
      );
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
      return failure(
        CassandraErrorCode.TLS_SERVER_CERT_EXPIRED,
        `the server's certificate is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}: the cluster's certificate must be renewed (or this machine's clock is wrong).`,
      );
    }
    if (!tls.cert && CLIENT_CERT_MISSING_ALERTS.has(code)) {
      return failure(
        CassandraErrorCode.TLS_CLIENT_CERT_REQUIRED,
        `the server requires a client certificate and none is configured. Set ${describeSetting('tls.certFile', name)} and ${describeSetting('tls.keyFile', name)}.`,
        { key: configKey('tls.certFile', name) },
      );
    }
    if (tls.cert && CLIENT_CERT_REFUSED_ALERTS.has(code)) {
      return failure(
        CassandraErrorCode.TLS_CLIENT_CERT_REJECTED,
        `the server refused the client certificate of ${describePemSource(tls.cert, name)} (${code}). Check that it is issued by a CA the cluster trusts for clients and that the server's clock agrees with its validity.`,
        { key: configKey('tls.certFile', name) },
      );
    }
    if (NOT_TLS_ON_SERVER.has(code)) {
      return failure(
        CassandraErrorCode.TLS_NOT_ENABLED_ON_SERVER,
        `the server on this port does not speak TLS (${code}). Point the contact point at the cluster's TLS port, or set ${describeSetting('tls.enabled', name)}=false if the cluster does not use TLS.`,
        { key: configKey('tls.enabled', name) },
      );
    }
    if (PROTOCOL_VERSION_ALERTS.has(code)) {
      return failure(
        CassandraErrorCode.CONFIG_INVALID,
        `the server and this client share no TLS version (${code}); this client accepts ${tls.minVersion} and later (${describeSetting('tls.minVersion', name)}).`,
        { key: configKey('tls.minVersion', name) },
      );
    }
  }
  if (!tls && CONNECTION_DROPPED.has(code) && (await speaksTls(host))) {
    return failure(
      CassandraErrorCode.TLS_REQUIRED_BY_SERVER,
      `the server on this port expects TLS and TLS is off. Set ${describeSetting('tls.enabled', name)}=true with ${describeSetting('tls.caFile', name)} (and a client certificate if the cluster requires one).`,
      { key: configKey('tls.enabled', name) },
    );
  }
  return failure(CassandraErrorCode.UNREACHABLE, error.message.split('\n')[0], { transient: true });
}

/** The failure of each host that a `client.connect()` error reports. */
export async function explainConnectionError(error: unknown, settings: CassandraSettings): Promise<HostFailure[]> {
  if (error instanceof driverErrors.NoHostAvailableError) {
    const inner = Object.entries((error.innerErrors ?? {}) as Record<string, ErrorWithCode>);
    if (inner.length > 0) {
      return Promise.all(inner.map(([host, hostError]) => explainHostError(host, hostError, settings)));
    }
    // e.g. "No host could be resolved": the names may resolve later.
    return settings.contactPoints.map((host) => ({
      host,
      code: CassandraErrorCode.UNREACHABLE,
      explanation: error.message,
      transient: true,
    }));
  }
  if (error instanceof driverErrors.ResponseError && /^Keyspace '.*' does not exist/.test(error.message)) {
    return [
      {
        host: 'cluster',
        code: CassandraErrorCode.CONFIG_INVALID,
        explanation: `${error.message}. Create it first, or fix ${describeSetting('keyspace', settings.clientName)}.`,
        transient: false,
        key: configKey('keyspace', settings.clientName),
      },
    ];
  }
  const hostError = error instanceof Error ? error : new Error(String(error));
  return [await explainHostError(settings.contactPoints.join(', '), hostError, settings)];
}
