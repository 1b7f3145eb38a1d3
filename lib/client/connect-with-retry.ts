import type { Logger } from '@nestjs/common';
import { Client } from 'cassandra-driver';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CassandraSettings } from '../config/resolve-settings.js';
import { CassandraConfigError, CassandraErrorCode } from '../errors.js';
import type { SslOptions } from '../tls/ssl-options.js';
import { forwardDriverLogs } from './driver-log.js';
import { shutDownFailedClient, shutDownRemovedHosts } from './driver-workarounds.js';
import { explainConnectionError, type HostFailure } from './explain-connection-error.js';

export function describeClient(settings: CassandraSettings): string {
  return settings.clientName ? `client "${settings.clientName}"` : 'default client';
}

function createDriverClient(settings: CassandraSettings, sslOptions: SslOptions | undefined, logger: Logger): Client {
  const client = new Client({
    ...settings.driverOptions,
    contactPoints: settings.contactPoints,
    localDataCenter: settings.localDataCenter,
    keyspace: settings.keyspace,
    credentials: settings.credentials,
    sslOptions,
  });
  forwardDriverLogs(client, logger);
  shutDownRemovedHosts(client);
  return client;
}

function connectionError(failures: HostFailure[], settings: CassandraSettings, attempts: number): CassandraConfigError {
  const decisive = failures.find((failure) => !failure.transient);
  const hosts = failures.map((failure) => `  - ${failure.host}: ${failure.explanation}`).join('\n');
  const retried = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new CassandraConfigError(
    decisive?.code ?? CassandraErrorCode.UNREACHABLE,
    `Could not connect to Cassandra (${describeClient(settings)})${retried}. Hosts tried:\n${hosts}`,
    { key: decisive?.key },
  );
}

/**
 * Connects a new driver client. Failures that may pass (a node still starting,
 * a network blip) are retried with a doubling delay; a misconfiguration (TLS
 * trust, names, certificates, credentials, datacenter) fails at once.
 */
export async function connectWithRetry(
  settings: CassandraSettings,
  sslOptions: SslOptions | undefined,
  logger: Logger,
): Promise<Client> {
  for (let attempt = 1; ; attempt++) {
    const client = createDriverClient(settings, sslOptions, logger);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await shutDownFailedClient(client);
      const failures = await explainConnectionError(error, settings);
      if (attempt >= settings.connectRetries || failures.some((failure) => !failure.transient)) {
        throw connectionError(failures, settings, attempt);
      }
      const delay = settings.connectRetryDelayMs * 2 ** (attempt - 1);
      const reasons = failures.map((failure) => `${failure.host}: ${failure.explanation}`).join('; ');
      logger.warn(
        `Connection attempt ${attempt} of ${settings.connectRetries} failed (${reasons}); next in ${delay} ms.`,
      );
      await sleep(delay);
    }
  }
}
