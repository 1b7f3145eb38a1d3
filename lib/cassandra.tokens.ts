import { Client } from 'cassandra-driver';

/**
 * The injection token of a client: the driver's own `Client` class for the
 * default client, `CassandraClient:<name>` for a named one.
 */
export function getCassandraClientToken(name?: string): typeof Client | string {
  return name ? `CassandraClient:${name}` : Client;
}

/** The token of a client's connection state (TLS material, settings), used by the health indicator. */
export function getCassandraConnectionToken(name?: string): string {
  return name ? `CassandraConnection:${name}` : 'CassandraConnection';
}
