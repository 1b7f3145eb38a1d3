// Jest global setup: use the local node when it runs, start it otherwise.
import { startNode } from '../../cassandra/node.mjs';

export default async function startLocalNode() {
  const { started } = await startNode({ log: (line) => console.log(`\n${line}`) });
  // Read by the global teardown (same process): stop only what this run started.
  globalThis.__CASSANDRA_STARTED_BY_JEST__ = started;
}
