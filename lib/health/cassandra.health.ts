import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Client } from 'cassandra-driver';
import { DEFAULT_CLIENT_NAME } from '../cassandra.constants.js';
import { getCassandraConnectionToken } from '../cassandra.tokens.js';
import type { CassandraConnection } from '../client/cassandra-connection.js';
import { daysUntilExpiry } from '../tls/load-tls-material.js';

export interface CassandraPingCheckOptions {
  /** How long the check may take before it reports down. Default 1000 ms. */
  timeout?: number;
  /** The named client to check; omit for the default client. */
  clientName?: string;
}

const DEFAULT_TIMEOUT_MS = 1000;
// The cheapest query every node answers from memory.
const PING_QUERY = 'SELECT release_version FROM system.local';

type Ping = { ok: true; latencyMs: number } | { ok: false; message: string };
type DriverInternals = { pool?: { connections?: { netClient?: { getProtocol?(): string | null } }[] } };

/**
 * A terminus health indicator for the clients of `CassandraModule`.
 *
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.cassandra.pingCheck('cassandra', { timeout: 1500 })]); }
 * ```
 *
 * Concurrent checks of one client share the query in flight, so a burst of
 * /health requests sends one query, not one each.
 */
@Injectable()
export class CassandraHealthIndicator {
  private readonly pingsInFlight = new Map<Client, Promise<Ping>>();

  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async pingCheck<const Key extends string = 'cassandra'>(
    key: Key = 'cassandra' as Key,
    { timeout = DEFAULT_TIMEOUT_MS, clientName }: CassandraPingCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.healthIndicatorService.check(key);
    const client = clientName ?? DEFAULT_CLIENT_NAME;
    const connection = this.findConnection(clientName);
    if (!connection) {
      return indicator.down({ client, message: `No Cassandra client "${client}" is registered with CassandraModule.` });
    }
    const hosts = connection.client.hosts.values();
    const hostsUp = hosts.filter((host) => host.isUp()).length;
    const details = { client, hosts: { up: hostsUp, total: hosts.length }, ...this.tlsDetails(connection) };

    const expiresInDays = details.tls?.clientCertificateExpiresInDays;
    if (expiresInDays !== undefined && expiresInDays < 0) {
      return indicator.down({
        ...details,
        message: `The client certificate expired on ${details.tls?.clientCertificateExpiresAt}.`,
      });
    }
    if (hostsUp === 0) {
      return indicator.down({ ...details, message: `No Cassandra host is up (0 of ${hosts.length}).` });
    }
    const ping = await withTimeout(this.sharedPing(connection.client), timeout);
    return ping.ok
      ? indicator.up({ ...details, latencyMs: ping.latencyMs })
      : indicator.down({ ...details, message: ping.message });
  }

  private findConnection(clientName?: string): CassandraConnection | undefined {
    try {
      return this.moduleRef.get<CassandraConnection>(getCassandraConnectionToken(clientName), { strict: false });
    } catch {
      return undefined;
    }
  }

  /** One ping per client at a time: callers that arrive while it runs wait for the same answer. */
  private sharedPing(client: Client): Promise<Ping> {
    let ping = this.pingsInFlight.get(client);
    if (!ping) {
      const started = performance.now();
      ping = client
        .execute(PING_QUERY, [], { isIdempotent: true })
        .then(
          (): Ping => ({ ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }),
          (error: Error): Ping => ({ ok: false, message: `Cassandra did not answer: ${error.message.split('\n')[0]}` }),
        )
        .finally(() => this.pingsInFlight.delete(client));
      this.pingsInFlight.set(client, ping);
    }
    return ping;
  }

  private tlsDetails({ client, tls }: CassandraConnection) {
    if (!tls) return { tls: undefined };
    const certificate = tls.material.clientCertificate;
    const expiresAt = certificate ? new Date(certificate.validTo) : undefined;
    return {
      tls: {
        protocol: negotiatedProtocol(client),
        clientCertificateExpiresAt: expiresAt?.toISOString(),
        clientCertificateExpiresInDays: certificate ? daysUntilExpiry(certificate) : undefined,
      },
    };
  }
}

/** The ping's answer, or "down" once `timeout` ms have passed; the shared ping itself goes on for the others. */
function withTimeout(ping: Promise<Ping>, timeout: number): Promise<Ping> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Ping>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, message: `Cassandra did not answer within ${timeout} ms.` }),
      timeout,
    );
  });
  return Promise.race([ping, timedOut]).finally(() => clearTimeout(timer));
}

/** The TLS version of an open connection, read from the driver's connection pool (not part of its typed API). */
function negotiatedProtocol(client: Client): string | undefined {
  for (const host of client.hosts.values()) {
    for (const connection of (host as DriverInternals).pool?.connections ?? []) {
      const protocol = connection.netClient?.getProtocol?.();
      if (protocol) return protocol;
    }
  }
  return undefined;
}
