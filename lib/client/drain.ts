import type { Client } from 'cassandra-driver';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a shutdown waits for queries in flight to finish before it closes the connections. */
export const DRAIN_TIMEOUT_MS = 2000;

/**
 * Waits until no query is in flight on any host, or until `timeoutMs`. The
 * driver's shutdown fails what is still in flight, and its connections then log
 * the late answers as errors; letting them finish first is the graceful way.
 */
export async function waitForInFlightQueries(client: Client, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = client.getState();
    if (state.getConnectedHosts().every((host) => state.getInFlightQueries(host) === 0)) return;
    await sleep(10);
  }
}
