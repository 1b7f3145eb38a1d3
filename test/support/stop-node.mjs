// Jest global teardown: stop the local node if the global setup started it.
import { stopNode } from '../../cassandra/node.mjs';

export default async function stopLocalNode() {
  if (globalThis.__CASSANDRA_STARTED_BY_JEST__) await stopNode({ log: (line) => console.log(`\n${line}`) });
}
