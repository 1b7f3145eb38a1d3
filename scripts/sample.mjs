// npm run sample: runs the sample application (built into dist-sample/) on the
// CASSANDRA_* settings given, or, when none are given, on the local node,
// started for it and stopped again when the application exits.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { paths, startNode, stopNode } from '../cassandra/node.mjs';

const givenInEnvironment = Object.keys(process.env).some((key) => key.startsWith('CASSANDRA_'));
const givenInDotEnv = existsSync('.env') && /^\s*CASSANDRA_/m.test(readFileSync('.env', 'utf8'));
const env = { ...process.env };
let startedNode = false;
if (!givenInEnvironment && !givenInDotEnv) {
  console.log('No CASSANDRA_* settings given: using the local node.');
  startedNode = (await startNode()).started;
  Object.assign(env, parseEnv(readFileSync(paths.devEnv, 'utf8')));
}

const app = spawn(process.execPath, ['dist-sample/main.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', async (code, signal) => {
  if (startedNode) await stopNode();
  process.exit(code ?? (signal ? 0 : 1));
});
