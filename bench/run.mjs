// npm run bench: the module against the raw cassandra-driver doing the same
// work in the same run, on the local node over TLS with client certificates.
// Absolute times drift on a shared machine; the ratios are the result.
// Prints a table and writes bench/results.json.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import autocannon from 'autocannon';
import cassandra from 'cassandra-driver';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseEnv } from 'node:util';
import { CassandraModule } from '../dist/esm/index.js';
import {
  CASSANDRA_VERSION,
  LOCAL_DATACENTER,
  NATIVE_PORT,
  PLAINTEXT_PORT,
  paths,
  startNode,
  stopNode,
} from '../cassandra/node.mjs';

const STARTUP_REPETITIONS = 15;
const QUERY_SECONDS = 3;
const QUERY_REPETITIONS = 5;
const WARM_UP_SECONDS = 1;
const HTTP_CONNECTIONS = 200;
const HTTP_SECONDS = 10;
const SAMPLE_PORT = 3107;
const KEYS = 10_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const moduleOptions = {
  contactPoints: [`127.0.0.1:${NATIVE_PORT}`],
  localDataCenter: LOCAL_DATACENTER,
  tls: { caFile: paths.caCert, certFile: paths.clientCert, keyFile: paths.clientKey, watchIntervalMs: 0 },
};
const rawOptions = (port = NATIVE_PORT, tls = true) => ({
  contactPoints: [`127.0.0.1:${port}`],
  localDataCenter: LOCAL_DATACENTER,
  sslOptions: tls
    ? {
        ca: readFileSync(paths.caCert),
        cert: readFileSync(paths.clientCert),
        key: readFileSync(paths.clientKey),
        rejectUnauthorized: true,
      }
    : undefined,
});

class BenchModule {}
Module({ imports: [CassandraModule.forRoot(moduleOptions)] })(BenchModule);

async function moduleClient() {
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  return { client: app.get(cassandra.Client), close: () => app.close() };
}

async function rawClient(port, tls) {
  const client = new cassandra.Client(rawOptions(port, tls));
  await client.connect();
  return { client, close: () => client.shutdown() };
}

/** 1. From nothing to a connected client, alternating the two so that drift hits both alike. */
async function benchStartup() {
  const times = { module: [], raw: [] };
  for (let i = 0; i < STARTUP_REPETITIONS; i++) {
    for (const [name, open] of [
      ['module', moduleClient],
      ['raw', () => rawClient()],
    ]) {
      const started = performance.now();
      const { close } = await open();
      times[name].push(performance.now() - started);
      await close();
    }
  }
  return { moduleMs: round(median(times.module)), rawMs: round(median(times.raw)) };
}

/** Runs `operation` on `concurrency` workers for QUERY_SECONDS; throughput and latency percentiles. */
async function load(operation, concurrency, seconds = QUERY_SECONDS) {
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await operation();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { opsPerSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const queries = {
  insert: (client) => () =>
    client.execute(
      'INSERT INTO bench.kv (id, value) VALUES (?, ?)',
      [Math.floor(Math.random() * KEYS), 'x'.repeat(100)],
      { prepare: true },
    ),
  select: (client) => () =>
    client.execute('SELECT value FROM bench.kv WHERE id = ?', [Math.floor(Math.random() * KEYS)], { prepare: true }),
};

/** Medians over repetitions, the contenders taking turns. */
async function compare(contenders, operationName, concurrency) {
  const runs = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  // Unmeasured first: JIT and connection warm-up would otherwise count against whoever goes first.
  for (const name of Object.keys(contenders))
    await load(queries[operationName](contenders[name]), concurrency, WARM_UP_SECONDS);
  for (let rep = 0; rep < QUERY_REPETITIONS; rep++) {
    const order = rep % 2 === 0 ? Object.keys(contenders) : Object.keys(contenders).reverse();
    for (const name of order) runs[name].push(await load(queries[operationName](contenders[name]), concurrency));
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, results]) => [
      name,
      {
        opsPerSecond: Math.round(median(results.map((r) => r.opsPerSecond))),
        p50Ms: round(median(results.map((r) => r.p50)), 3),
        p99Ms: round(median(results.map((r) => r.p99)), 3),
      },
    ]),
  );
}

async function prepareSchema(client) {
  await client.execute(
    "CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
  );
  await client.execute('CREATE TABLE IF NOT EXISTS bench.kv (id int PRIMARY KEY, value text)');
  for (let id = 0; id < KEYS; id += 500) {
    await Promise.all(
      Array.from({ length: 500 }, (_, offset) =>
        client.execute('INSERT INTO bench.kv (id, value) VALUES (?, ?)', [id + offset, 'x'.repeat(100)], {
          prepare: true,
        }),
      ),
    );
  }
}

/** 2. The injected client against a raw one: the same driver, so the target is parity. */
async function benchQueries() {
  const viaModule = await moduleClient();
  const raw = await rawClient();
  await prepareSchema(raw.client);
  const results = {};
  for (const operation of ['insert', 'select']) {
    for (const concurrency of [1, 64]) {
      results[`${operation} c=${concurrency}`] = await compare(
        { module: viaModule.client, raw: raw.client },
        operation,
        concurrency,
      );
    }
  }
  await viaModule.close();
  await raw.close();
  return results;
}

/** 4. The same query load over TLS and over plaintext, on the same node. */
async function benchTlsCost() {
  const tls = await rawClient(NATIVE_PORT, true);
  const plain = await rawClient(PLAINTEXT_PORT, false);
  const results = {};
  for (const concurrency of [1, 64]) {
    results[`select c=${concurrency}`] = await compare(
      { tls: tls.client, plaintext: plain.client },
      'select',
      concurrency,
    );
  }
  await tls.close();
  await plain.close();
  return results;
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Requests the node has served, from its own table of client connections. */
async function nodeRequestCount(client) {
  const result = await client.execute('SELECT request_count FROM system_views.clients');
  return result.rows.reduce((sum, row) => sum + Number(row.request_count), 0);
}

async function httpLoad(path) {
  const result = await autocannon({
    url: `http://127.0.0.1:${SAMPLE_PORT}${path}`,
    connections: HTTP_CONNECTIONS,
    duration: HTTP_SECONDS,
  });
  return { requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, non2xx: result.non2xx };
}

/** 3 and 5. The sample application: /health under load against a trivial endpoint, and its memory. */
async function benchSample() {
  const env = { ...process.env, ...parseEnv(readFileSync(paths.devEnv, 'utf8')), PORT: String(SAMPLE_PORT) };
  const app = spawn(process.execPath, ['dist-sample/main.js'], { env, stdio: 'ignore' });
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${SAMPLE_PORT}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 120) throw new Error('the sample application did not start');
      await sleep(250);
    }
    await sleep(1000);
    const rssAfterStartMb = rssMb(app.pid);
    const observer = await rawClient();
    const before = await nodeRequestCount(observer.client);
    const health = await httpLoad('/health');
    // The observer's own count query is the one request that is not the sample's.
    const healthQueries = (await nodeRequestCount(observer.client)) - before - 1;
    await observer.close();
    const trivial = await httpLoad('/');
    const rssAfterLoadMb = rssMb(app.pid);
    return {
      health: { ...health, cqlQueries: healthQueries },
      trivial,
      memory: { rssAfterStartMb: round(rssAfterStartMb, 1), rssAfterLoadMb: round(rssAfterLoadMb, 1) },
    };
  } finally {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
  }
}

function versionOf(name) {
  return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
}

const started = Date.now();
const { started: startedNode } = await startNode({ log: () => undefined });
try {
  const startup = await benchStartup();
  const queryResults = await benchQueries();
  const tlsCost = await benchTlsCost();
  const sample = await benchSample();

  const rows = [
    {
      benchmark: 'start-up to connected client (ms)',
      module: startup.moduleMs,
      raw: startup.rawMs,
      ratio: round(startup.moduleMs / startup.rawMs),
    },
    ...Object.entries(queryResults).flatMap(([name, { module, raw }]) => [
      {
        benchmark: `${name} ops/s`,
        module: module.opsPerSecond,
        raw: raw.opsPerSecond,
        ratio: round(module.opsPerSecond / raw.opsPerSecond),
      },
      { benchmark: `${name} p50 ms`, module: module.p50Ms, raw: raw.p50Ms, ratio: round(module.p50Ms / raw.p50Ms) },
      { benchmark: `${name} p99 ms`, module: module.p99Ms, raw: raw.p99Ms, ratio: round(module.p99Ms / raw.p99Ms) },
    ]),
  ];
  const tlsRows = Object.entries(tlsCost).flatMap(([name, { tls, plaintext }]) => [
    {
      benchmark: `${name} ops/s`,
      tls: tls.opsPerSecond,
      plaintext: plaintext.opsPerSecond,
      ratio: round(tls.opsPerSecond / plaintext.opsPerSecond),
    },
    {
      benchmark: `${name} p99 ms`,
      tls: tls.p99Ms,
      plaintext: plaintext.p99Ms,
      ratio: round(tls.p99Ms / plaintext.p99Ms),
    },
  ]);
  const httpRows = [
    { endpoint: '/health', ...sample.health },
    { endpoint: '/ (trivial)', ...sample.trivial, cqlQueries: 0 },
  ];
  console.log('\nModule against the raw driver (ratio = module / raw)');
  console.table(rows);
  console.log('TLS against plaintext, raw driver, same node (ratio = TLS / plaintext)');
  console.table(tlsRows);
  console.log(
    `Sample app under ${HTTP_CONNECTIONS} connections for ${HTTP_SECONDS} s (health/trivial rps ratio ${round(sample.health.requestsPerSecond / sample.trivial.requestsPerSecond)})`,
  );
  console.table(httpRows);
  console.log(
    `Sample app resident memory: ${sample.memory.rssAfterStartMb} MB after start-up, ${sample.memory.rssAfterLoadMb} MB after the load`,
  );

  const results = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: {
      platform: platform(),
      release: release(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: round(totalmem() / 2 ** 30, 1),
    },
    versions: {
      node: process.version,
      cassandra: CASSANDRA_VERSION,
      cassandraDriver: versionOf('cassandra-driver'),
      nestjs: versionOf('@nestjs/core'),
      package: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    },
    settings: {
      STARTUP_REPETITIONS,
      QUERY_SECONDS,
      QUERY_REPETITIONS,
      WARM_UP_SECONDS,
      HTTP_CONNECTIONS,
      HTTP_SECONDS,
    },
    startup,
    queries: queryResults,
    tlsCost,
    sample,
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`bench/results.json written (${results.durationSeconds} s).`);
} finally {
  if (startedNode) await stopNode({ log: () => undefined });
}
