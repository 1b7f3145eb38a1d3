// Faults for integration tests: stop, start, pause and resume the local node.
import { copyFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodetool, paths, runningPid, startNode as start, stopNode as stop } from '../../cassandra/node.mjs';

const quiet = { log: () => undefined };

export async function stopNode(): Promise<void> {
  await stop(quiet);
}

export async function startNode(): Promise<void> {
  await start(quiet);
}

function nodePid(): number {
  const pid = runningPid();
  if (!pid) throw new Error('the local Cassandra node is not running');
  return pid;
}

/** Freezes the node (SIGSTOP): sockets stay open, nothing answers. */
export function pauseNode(): void {
  process.kill(nodePid(), 'SIGSTOP');
}

export function continueNode(): void {
  process.kill(nodePid(), 'SIGCONT');
}

/** Makes the node trust exactly these CAs for client certificates, for new connections. */
export function trustClientCertificatesFrom(...caPems: string[]): void {
  writeFileSync(paths.clientTruststore, caPems.join(''));
  nodetool('reloadssl');
}

/** Back to trusting the local CA only. */
export function restoreClientTrust(): void {
  copyFileSync(paths.caCert, paths.clientTruststore);
  nodetool('reloadssl');
}

/** Closes every client connection on the node's side, so that clients must open new ones. */
export async function dropClientConnections(): Promise<void> {
  nodetool('disablebinary');
  await sleep(500);
  nodetool('enablebinary');
}
