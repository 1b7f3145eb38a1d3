// Faults for integration tests: stop, start, pause and resume the local node.
import { runningPid, startNode as start, stopNode as stop } from '../../cassandra/node.mjs';

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
