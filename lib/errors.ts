/**
 * Every way the configuration (or the cluster's answer to it) can be wrong, as a
 * stable code. Codes are part of the public API: match on `error.code`, never on
 * the message.
 */
export const CassandraErrorCode = {
  /** A required key has no value. */
  CONFIG_MISSING: 'CONFIG_MISSING',
  /** A key has a value that cannot be used (not a boolean, not a number, conflicting keys...). */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A PEM file does not exist or cannot be read. */
  TLS_FILE_UNREADABLE: 'TLS_FILE_UNREADABLE',
  /** A PEM file or inline value holds no PEM block, or a block that does not parse. */
  TLS_NOT_PEM: 'TLS_NOT_PEM',
  /** A PEM block of the wrong kind, e.g. a private key where certificates are expected. */
  TLS_WRONG_PEM_TYPE: 'TLS_WRONG_PEM_TYPE',
  /** The private key is encrypted and no passphrase is configured. */
  TLS_KEY_PASSPHRASE_MISSING: 'TLS_KEY_PASSPHRASE_MISSING',
  /** The passphrase does not open the private key. */
  TLS_KEY_PASSPHRASE_WRONG: 'TLS_KEY_PASSPHRASE_WRONG',
  /** The client certificate and the private key do not belong together. */
  TLS_KEY_MISMATCH: 'TLS_KEY_MISMATCH',
  /** The client certificate has expired. */
  TLS_CERT_EXPIRED: 'TLS_CERT_EXPIRED',
  /** The client certificate is not valid yet. */
  TLS_CERT_NOT_YET_VALID: 'TLS_CERT_NOT_YET_VALID',
  /** The server's certificate is not signed by a trusted CA. */
  TLS_SERVER_UNTRUSTED: 'TLS_SERVER_UNTRUSTED',
  /** The server's certificate names neither the host nor CASSANDRA_TLS_SERVERNAME. */
  TLS_SERVER_NAME_MISMATCH: 'TLS_SERVER_NAME_MISMATCH',
  /** The server's certificate has expired or is not valid yet. */
  TLS_SERVER_CERT_EXPIRED: 'TLS_SERVER_CERT_EXPIRED',
  /** The server demands a client certificate and none is configured. */
  TLS_CLIENT_CERT_REQUIRED: 'TLS_CLIENT_CERT_REQUIRED',
  /** The server refused the client certificate that was presented. */
  TLS_CLIENT_CERT_REJECTED: 'TLS_CLIENT_CERT_REJECTED',
  /** TLS is configured but the port speaks plaintext CQL. */
  TLS_NOT_ENABLED_ON_SERVER: 'TLS_NOT_ENABLED_ON_SERVER',
  /** TLS is off but the port expects TLS. */
  TLS_REQUIRED_BY_SERVER: 'TLS_REQUIRED_BY_SERVER',
  /** The server refused the username or password. */
  AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
  /** No contact point could be reached after every retry. */
  UNREACHABLE: 'UNREACHABLE',
} as const;

export type CassandraErrorCode = (typeof CassandraErrorCode)[keyof typeof CassandraErrorCode];

export interface CassandraErrorDetails {
  /** The configuration key the error is about, e.g. `CASSANDRA_TLS_KEY_FILE`. */
  key?: string;
  /** The file the error is about, as configured. */
  file?: string;
  cause?: unknown;
}

/**
 * The one error this module throws for a misconfiguration. Its message names the
 * key (and the file) and says what to do; it never holds key material,
 * passphrases or passwords.
 */
export class CassandraConfigError extends Error {
  override readonly name = 'CassandraConfigError';
  readonly key?: string;
  readonly file?: string;

  constructor(
    readonly code: CassandraErrorCode,
    message: string,
    { key, file, cause }: CassandraErrorDetails = {},
  ) {
    super(`[${code}] ${message}`, cause === undefined ? undefined : { cause });
    this.key = key;
    this.file = file;
  }
}
