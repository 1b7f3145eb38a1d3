// npm run cassandra:start | cassandra:stop | node cassandra/cli.mjs resolve
import { NodeError, resolveCassandra, startNode, stopNode } from './node.mjs';

const commands = { start: startNode, stop: stopNode, resolve: resolveCassandra };
const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node cassandra/cli.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
try {
  await command();
} catch (error) {
  console.error(error instanceof NodeError ? error.message : error);
  process.exit(1);
}
