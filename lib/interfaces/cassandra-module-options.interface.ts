import type { ClientOptions } from 'cassandra-driver';

/** TLS material and checks; see the README's TLS guide. */
export interface CassandraTlsOptions {
  /** Turn TLS on or off. Default: on when any other TLS option is set, else off. */
  enabled?: boolean;
  /** PEM file(s) of the CAs that sign the servers' certificates. Default: Node's built-in root CAs. */
  caFile?: string | string[];
  /** Client certificate chain (PEM file), for client-certificate authentication. */
  certFile?: string;
  /** The client certificate's private key (PEM file). */
  keyFile?: string;
  /** Passphrase of an encrypted private key. */
  keyPassphrase?: string;
  /** The same material given inline (PEM text), e.g. from secrets injected as environment variables. */
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  /** Verify the server's certificate chain. Default `true`; `false` logs a warning at start-up. */
  rejectUnauthorized?: boolean;
  /** Check the server certificate's names against the host (or `servername`). Default `true`. */
  verifyHostname?: boolean;
  /** Name to verify and to send as SNI, for contact points given as IP addresses. */
  servername?: string;
  /** Lowest TLS version accepted. Default `TLSv1.2`. */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /**
   * How often PEM files are checked for changes (rotation without restart).
   * Default 1000 ms; 0 turns watching off.
   */
  watchIntervalMs?: number;
}

/** Everything `CassandraModule.forRoot()` takes; `forRootAsync()` factories return the same. */
export interface CassandraModuleOptions {
  /** `host` or `host:port` entries. */
  contactPoints: string[];
  /** Port for contact points given without one. Default 9042. */
  port?: number;
  localDataCenter: string;
  keyspace?: string;
  username?: string;
  password?: string;
  tls?: CassandraTlsOptions;
  /** Connection attempts at start-up. Default 3. */
  connectRetries?: number;
  /** Delay before the second attempt; it doubles for each further one. Default 1000 ms. */
  connectRetryDelayMs?: number;
  /**
   * Any other option of the driver's `Client` (pooling, policies, socket options...).
   * The settings above win over the same settings given here.
   */
  driverOptions?: Omit<ClientOptions, 'contactPoints' | 'localDataCenter' | 'keyspace' | 'sslOptions' | 'credentials'>;
}

/** Set next to the options, not inside them: which client this is. */
export interface CassandraModuleExtras {
  /** Registers a further, named client; omit for the default client. */
  name?: string;
}

/** For `forRootAsync({ useClass })` and `{ useExisting }`. */
export interface CassandraOptionsFactory {
  createCassandraOptions(): CassandraModuleOptions | Promise<CassandraModuleOptions>;
}
