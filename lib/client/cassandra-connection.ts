import { Logger } from '@nestjs/common';
import type { Client } from 'cassandra-driver';
import type { CassandraSettings } from '../config/resolve-settings.js';
import { prepareTls, type TlsInUse } from '../tls/prepare-tls.js';
import { watchTlsFiles } from '../tls/watch-tls-files.js';
import { connectWithRetry, describeClient } from './connect-with-retry.js';
import { waitForInFlightQueries } from './drain.js';

/** A connected driver client and what this module keeps about it: the TLS material in use and its watcher. */
export class CassandraConnection {
  constructor(
    readonly client: Client,
    readonly tls: TlsInUse | undefined,
    private readonly stopWatching: () => void,
  ) {}

  async close(): Promise<void> {
    this.stopWatching();
    await waitForInFlightQueries(this.client);
    await this.client.shutdown();
  }
}

const connections = new WeakMap<Client, CassandraConnection>();

/** The connection this module opened for `client`; undefined for a client it did not open. */
export function connectionOf(client: Client): CassandraConnection | undefined {
  return connections.get(client);
}

function loggerFor(settings: CassandraSettings): Logger {
  return new Logger(settings.clientName ? `Cassandra:${settings.clientName}` : 'Cassandra');
}

/** Checks the TLS material, then connects (with retries). Every failure is a `CassandraConfigError`. */
export async function openCassandraConnection(settings: CassandraSettings): Promise<CassandraConnection> {
  const logger = loggerFor(settings);
  const tls = settings.tls ? await prepareTls({ ...settings, tls: settings.tls }) : undefined;
  for (const warning of tls?.warnings ?? []) logger.warn(warning);
  const client = await connectWithRetry(settings, tls?.sslOptions, logger);

  const hosts = client.hosts.values();
  const certificate = tls?.material.clientCertificate;
  logger.log(
    `Connected (${describeClient(settings)}) to ${hosts.filter((host) => host.isUp()).length} of ${hosts.length} host(s) in ${settings.localDataCenter}` +
      (tls
        ? `, TLS ${tls.settings.rejectUnauthorized ? 'verified' : 'NOT verified'}${certificate ? `, client certificate valid until ${certificate.validTo}` : ''}`
        : ', without TLS') +
      '.',
  );
  const stopWatching =
    tls && tls.settings.watchIntervalMs > 0 ? watchTlsFiles(tls, settings.clientName, logger) : () => undefined;
  const connection = new CassandraConnection(client, tls, stopWatching);
  connections.set(client, connection);
  return connection;
}
