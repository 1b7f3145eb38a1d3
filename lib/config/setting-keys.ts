/**
 * Where each setting lives: its path in `CassandraModuleOptions` and the suffix
 * of its ConfigService key (`CASSANDRA_` + suffix, or `CASSANDRA_<NAME>_` + suffix
 * for a named client).
 */
export const SETTING_KEY_SUFFIXES = {
  contactPoints: 'CONTACT_POINTS',
  port: 'PORT',
  localDataCenter: 'LOCAL_DATACENTER',
  keyspace: 'KEYSPACE',
  username: 'USERNAME',
  password: 'PASSWORD',
  connectRetries: 'CONNECT_RETRIES',
  connectRetryDelayMs: 'CONNECT_RETRY_DELAY_MS',
  'tls.enabled': 'TLS_ENABLED',
  'tls.caFile': 'TLS_CA_FILE',
  'tls.certFile': 'TLS_CERT_FILE',
  'tls.keyFile': 'TLS_KEY_FILE',
  'tls.keyPassphrase': 'TLS_KEY_PASSPHRASE',
  'tls.caPem': 'TLS_CA_PEM',
  'tls.certPem': 'TLS_CERT_PEM',
  'tls.keyPem': 'TLS_KEY_PEM',
  'tls.rejectUnauthorized': 'TLS_REJECT_UNAUTHORIZED',
  'tls.verifyHostname': 'TLS_VERIFY_HOSTNAME',
  'tls.servername': 'TLS_SERVERNAME',
  'tls.minVersion': 'TLS_MIN_VERSION',
  'tls.watchIntervalMs': 'TLS_WATCH_INTERVAL_MS',
} as const;

export type SettingPath = keyof typeof SETTING_KEY_SUFFIXES;

/** `CASSANDRA_` for the default client, `CASSANDRA_<NAME>_` for a named one (non-alphanumerics become `_`). */
export function configKeyPrefix(clientName?: string): string {
  return clientName ? `CASSANDRA_${clientName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_` : 'CASSANDRA_';
}

/** The ConfigService key of a setting, e.g. `CASSANDRA_TLS_KEY_FILE`. */
export function configKey(path: SettingPath, clientName?: string): string {
  return configKeyPrefix(clientName) + SETTING_KEY_SUFFIXES[path];
}

/** How errors name a setting: its ConfigService key and its option path, so both kinds of users find it. */
export function describeSetting(path: SettingPath, clientName?: string): string {
  return `${configKey(path, clientName)} (option ${path})`;
}
