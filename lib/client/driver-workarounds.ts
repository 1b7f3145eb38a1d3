// Two cassandra-driver 4.x quirks that leave sockets open. An open socket keeps
// a Node process alive: an application that fails to start, or that was shut
// down, would hang instead of exiting.
import type { Client } from 'cassandra-driver';

type RemovableHost = { shutdown?(waitForPending?: boolean): Promise<void> };
type DriverInternals = { controlConnection?: { connection?: { close(): void } } };

/**
 * When the control connection reconnects through the contact points (after
 * every host was down), the driver replaces its Host objects and drops the old
 * ones without closing their connection pools, which keep reconnecting. Shut
 * such hosts down as soon as the driver lets go of them.
 */
export function shutDownRemovedHosts(client: Client): void {
  client.on('hostRemove', (host: RemovableHost) => {
    host.shutdown?.(false).catch(() => undefined);
  });
}

/**
 * When `connect()` fails after the control connection's socket opened (for
 * example when localDataCenter names no datacenter of the cluster), the driver
 * keeps that socket open; close it after the shutdown.
 */
export async function shutDownFailedClient(client: Client): Promise<void> {
  await client.shutdown();
  (client as unknown as DriverInternals).controlConnection?.connection?.close();
}
