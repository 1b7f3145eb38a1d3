// The local single-node Apache Cassandra 5.0 used for development and tests:
// the real `cassandra-all` from Maven Central, run with Java 17, TLS on the
// native port with client certificates required. Everything it writes lives in
// `.cassandra/` at the repository root (git-ignored).
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  closeSync,
  copyFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { createCertificateAuthority, issueCertificate } from './certificates.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_DIR = dirname(fileURLToPath(import.meta.url));
const NODE_DIR = join(REPO_ROOT, '.cassandra');

export const CASSANDRA_VERSION = readFileSync(join(BUILD_DIR, 'pom.xml'), 'utf8').match(
  /<cassandra\.version>([^<]+)</,
)[1];
export const NATIVE_PORT = 9042;
/** Plaintext CQL on loopback, so tests can show what TLS against a plaintext port does and benchmarks can price TLS. */
export const PLAINTEXT_PORT = 9043;
export const LOCAL_DATACENTER = 'datacenter1';
const STORAGE_PORT = 7000;
/** JMX on loopback only, for nodetool (reloadssl, disablebinary/enablebinary in tests). */
const JMX_PORT = 7199;
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

export const paths = {
  nodeDir: NODE_DIR,
  lib: join(NODE_DIR, 'lib'),
  conf: join(NODE_DIR, 'conf'),
  data: join(NODE_DIR, 'data'),
  logs: join(NODE_DIR, 'logs'),
  pidFile: join(NODE_DIR, 'cassandra.pid'),
  devEnv: join(NODE_DIR, 'dev.env'),
  caCert: join(NODE_DIR, 'ca.pem'),
  caKey: join(NODE_DIR, 'ca-key.pem'),
  clientCert: join(NODE_DIR, 'client.pem'),
  clientKey: join(NODE_DIR, 'client-key.pem'),
  // Cassandra's PEM SSL context factory wants the private key and the certificate chain in one file.
  serverKeystore: join(NODE_DIR, 'conf', 'server-keystore.pem'),
  // The CAs the node trusts for client certificates: the local CA, rewritten at
  // every start (tests change it, then `nodetool reloadssl`).
  clientTruststore: join(NODE_DIR, 'conf', 'client-truststore.pem'),
};

/** A failure a person can act on: printed without a stack trace by the CLI. */
export class NodeError extends Error {
  name = 'NodeError';
}

function javaBinary() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function requireJava17() {
  const result = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new NodeError(
      `Java 17 is needed to run Cassandra ${CASSANDRA_VERSION} but "${javaBinary()}" could not be run (${result.error.code}). ` +
        'Install a Java 17 runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
    );
  }
  const version = /version "(\d+)/.exec(result.stderr)?.[1];
  if (version !== '17') {
    throw new NodeError(
      `Cassandra ${CASSANDRA_VERSION} is run here with Java 17, but "${javaBinary()}" is Java ${version ?? 'of an unknown version'}. ` +
        'Install a Java 17 runtime or point JAVA_HOME at one.',
    );
  }
}

const resolvedMarker = () => join(paths.lib, `.resolved-${CASSANDRA_VERSION}`);

/** Copies cassandra-all and its runtime dependencies from Maven Central into .cassandra/lib, once. */
export function resolveCassandra({ log = console.log } = {}) {
  if (existsSync(resolvedMarker())) return;
  log(`Resolving org.apache.cassandra:cassandra-all:${CASSANDRA_VERSION} from Maven Central (first run only)...`);
  rmSync(paths.lib, { recursive: true, force: true });
  const started = Date.now();
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      join(BUILD_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${paths.lib}`,
      '-DincludeScope=runtime',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.error) {
    throw new NodeError(
      `Maven is needed to download Cassandra but "mvn" could not be run (${result.error.code}). Install Maven (Debian/Ubuntu: apt-get install maven).`,
    );
  }
  if (result.status !== 0) {
    throw new NodeError(
      `Maven could not resolve cassandra-all ${CASSANDRA_VERSION} (exit code ${result.status}); see its output above.`,
    );
  }
  writeFileSync(resolvedMarker(), new Date().toISOString());
  log(`Resolved in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function writeSecret(path, content) {
  writeFileSync(path, content, { mode: 0o600 });
}

/** The CA, the server certificate (127.0.0.1, localhost) and a client certificate, generated once. */
async function ensureMaterial() {
  if (
    [paths.caCert, paths.caKey, paths.clientCert, paths.clientKey, paths.serverKeystore].every((path) =>
      existsSync(path),
    )
  )
    return;
  const ca = await createCertificateAuthority({ commonName: 'nestjs-cassandra-tls local dev CA' });
  const server = await issueCertificate(ca, {
    commonName: 'localhost',
    usage: 'server',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    days: 3650,
  });
  const client = await issueCertificate(ca, { commonName: 'dev-client', usage: 'client', days: 3650 });
  writeFileSync(paths.caCert, ca.certPem);
  writeSecret(paths.caKey, ca.keyPem);
  writeSecret(paths.serverKeystore, server.keyPem + server.certPem + ca.certPem);
  writeFileSync(paths.clientCert, client.certPem);
  writeSecret(paths.clientKey, client.keyPem);
}

function cassandraYaml() {
  const data = (name) => JSON.stringify(join(paths.data, name));
  return `# Generated by cassandra/node.mjs for the local development node. Edits are overwritten.
cluster_name: nestjs-cassandra-tls-dev
num_tokens: 1
initial_token: 0
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:${STORAGE_PORT}"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: ${STORAGE_PORT}
# TLS with client certificates on ${NATIVE_PORT}; plaintext on ${PLAINTEXT_PORT} (loopback only), for tests
# of misconfigured clients and for the TLS-cost benchmark.
native_transport_port_ssl: ${NATIVE_PORT}
native_transport_port: ${PLAINTEXT_PORT}
start_native_transport: true
storage_compatibility_mode: NONE
data_file_directories: [${data('data')}]
commitlog_directory: ${data('commitlog')}
saved_caches_directory: ${data('saved_caches')}
hints_directory: ${data('hints')}
cdc_raw_directory: ${data('cdc_raw')}
commitlog_sync: periodic
commitlog_sync_period: 10000ms
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
auto_snapshot: false
concurrent_compactors: 1
concurrent_reads: 8
concurrent_writes: 8
file_cache_size: 64MiB
key_cache_size: 16MiB
memtable_heap_space: 128MiB
memtable_offheap_space: 128MiB
# Clients must use TLS 1.2 or 1.3 and present a certificate signed by the local CA.
client_encryption_options:
  enabled: true
  optional: false
  require_client_auth: true
  ssl_context_factory:
    class_name: org.apache.cassandra.security.PEMBasedSslContextFactory
  keystore: ${JSON.stringify(paths.serverKeystore)}
  truststore: ${JSON.stringify(paths.clientTruststore)}
  accepted_protocols: [TLSv1.2, TLSv1.3]
server_encryption_options:
  internode_encryption: none
`;
}

// From Cassandra's conf/jvm17-server.options: the JPMS openings Java 17 needs (the daemon and nodetool alike).
const JAVA17_MODULE_FLAGS = [
  ...[
    'java.base/jdk.internal.misc',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi',
    'java.rmi/sun.rmi.registry',
    'java.rmi/sun.rmi.server',
    'java.sql/java.sql',
    'java.base/java.lang.ref',
    'jdk.unsupported/sun.misc',
    'jdk.compiler/com.sun.tools.javac.file',
    'jdk.attach/sun.tools.attach',
  ].flatMap((pkg) => ['--add-exports', `${pkg}=ALL-UNNAMED`]),
  ...[
    'java.base/java.lang.module',
    'java.base/jdk.internal.loader',
    'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect',
    'java.base/jdk.internal.math',
    'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar',
    'jdk.management/com.sun.management.internal',
    'java.base/sun.nio.ch',
    'java.base/java.io',
    'java.base/java.lang.reflect',
    'jdk.compiler/com.sun.tools.javac',
    'java.base/java.lang',
    'java.base/java.util',
  ].flatMap((pkg) => ['--add-opens', `${pkg}=ALL-UNNAMED`]),
];

function jvmArguments() {
  const jamm = readdirSync(paths.lib).find((name) => /^jamm-.*\.jar$/.test(name));
  return [
    // Heap capped at 1 GiB: the node shares a 2-core, small machine with the tests.
    '-Xms256m',
    '-Xmx1g',
    '-Xss256k',
    '-XX:MaxDirectMemorySize=512m',
    '-XX:+UseThreadPriorities',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+PerfDisableSharedMem',
    '-Djava.net.preferIPv4Stack=true',
    `-javaagent:${join(paths.lib, jamm)}`,
    // From Cassandra's conf/jvm17-server.options: G1 settings.
    '-XX:+UseG1GC',
    '-XX:+ParallelRefProcEnabled',
    '-XX:MaxTenuringThreshold=1',
    '-XX:G1HeapRegionSize=16m',
    '-XX:G1RSetUpdatingPauseTimePercent=5',
    '-XX:MaxGCPauseMillis=300',
    '-XX:InitiatingHeapOccupancyPercent=70',
    '-Djdk.attach.allowAttachSelf=true',
    ...JAVA17_MODULE_FLAGS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dio.netty.allocator.useCacheForAllThreads=true',
    '-Dio.netty.allocator.maxOrder=11',
    // A single fresh node: nothing to wait for in gossip, no superuser to set up later.
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.superuser_setup_delay_ms=0',
    '-Dcassandra-foreground=yes',
    `-Dcassandra.jmx.local.port=${JMX_PORT}`,
    `-Dcassandra.config=file://${join(paths.conf, 'cassandra.yaml')}`,
    `-Dcassandra.logdir=${paths.logs}`,
    `-Dcassandra.storagedir=${paths.data}`,
    `-Dcassandra.triggers_dir=${paths.conf}`,
    `-Dlogback.configurationFile=${join(paths.conf, 'logback.xml')}`,
    '-cp',
    `${paths.conf}:${join(paths.lib, '*')}`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A recycled pid must not be taken for our node.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('CassandraDaemon');
}

/** The pid of the local node when it runs, else undefined. */
export function runningPid() {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.destroy() || resolve(true));
    socket.once('error', () => resolve(false));
  });
}

/** The TLS material of the local node, as the module's settings and the driver's sslOptions need it. */
export function nodeTlsFiles() {
  return { ca: paths.caCert, cert: paths.clientCert, key: paths.clientKey };
}

/** One CQL request over TLS with the client certificate: the node is ready when this answers. */
export async function probeNode({ connectTimeout = 5_000 } = {}) {
  const client = new cassandra.Client({
    contactPoints: [`127.0.0.1:${NATIVE_PORT}`],
    localDataCenter: LOCAL_DATACENTER,
    sslOptions: {
      ca: readFileSync(paths.caCert),
      cert: readFileSync(paths.clientCert),
      key: readFileSync(paths.clientKey),
      rejectUnauthorized: true,
    },
    socketOptions: { connectTimeout },
  });
  try {
    await client.connect();
    const result = await client.execute('SELECT release_version FROM system.local');
    return result.first().release_version;
  } finally {
    await client.shutdown();
  }
}

function logTail(lines = 30) {
  for (const name of ['system.log', 'stdout.log']) {
    const file = join(paths.logs, name);
    if (existsSync(file)) {
      return `--- last lines of ${file} ---\n${readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}`;
    }
  }
  return '(no log written)';
}

function devEnv() {
  return [
    '# Settings for the local Cassandra node started by `npm run cassandra:start`.',
    `CASSANDRA_CONTACT_POINTS=127.0.0.1`,
    `CASSANDRA_PORT=${NATIVE_PORT}`,
    `CASSANDRA_LOCAL_DATACENTER=${LOCAL_DATACENTER}`,
    'CASSANDRA_TLS_ENABLED=true',
    `CASSANDRA_TLS_CA_FILE=${paths.caCert}`,
    `CASSANDRA_TLS_CERT_FILE=${paths.clientCert}`,
    `CASSANDRA_TLS_KEY_FILE=${paths.clientKey}`,
    '',
  ].join('\n');
}

/**
 * Starts the local node unless it already runs, and waits until it answers CQL over TLS.
 * @returns {Promise<{ started: boolean, pid: number, version: string }>}
 */
export async function startNode({ log = console.log } = {}) {
  const existing = runningPid();
  if (existing) {
    log(`The local Cassandra node is already running (pid ${existing}).`);
    return { started: false, pid: existing, version: await probeNode() };
  }
  requireJava17();
  if (await portInUse(NATIVE_PORT)) {
    throw new NodeError(
      `Port ${NATIVE_PORT} is already in use by another process; stop it before starting the local node.`,
    );
  }
  for (const dir of [paths.nodeDir, paths.conf, paths.data, paths.logs]) mkdirSync(dir, { recursive: true });
  resolveCassandra({ log });
  await ensureMaterial();
  writeFileSync(join(paths.conf, 'cassandra.yaml'), cassandraYaml());
  copyFileSync(paths.caCert, paths.clientTruststore);
  copyFileSync(join(BUILD_DIR, 'logback.xml'), join(paths.conf, 'logback.xml'));

  const started = Date.now();
  const out = openSync(join(paths.logs, 'stdout.log'), 'w');
  const child = spawn(javaBinary(), jvmArguments(), {
    cwd: paths.nodeDir,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  writeFileSync(paths.pidFile, String(child.pid));
  log(`Starting Apache Cassandra ${CASSANDRA_VERSION} (pid ${child.pid}), logs in ${paths.logs}...`);

  while (Date.now() - started < START_TIMEOUT_MS) {
    await sleep(1_000);
    if (!isAlive(child.pid)) {
      rmSync(paths.pidFile, { force: true });
      throw new NodeError(`Cassandra exited during start-up.\n${logTail()}`);
    }
    try {
      const version = await probeNode({ connectTimeout: 2_000 });
      writeFileSync(paths.devEnv, devEnv());
      log(
        `Cassandra ${version} is up on 127.0.0.1:${NATIVE_PORT} (TLS, client certificate required) after ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
          `Settings for it: ${paths.devEnv} (CA ${paths.caCert}, client certificate ${paths.clientCert}).`,
      );
      return { started: true, pid: child.pid, version };
    } catch {
      // not accepting CQL yet
    }
  }
  await stopNode({ log: () => {} });
  throw new NodeError(
    `Cassandra did not accept a TLS CQL connection within ${START_TIMEOUT_MS / 1000} s.\n${logTail()}`,
  );
}

/** Runs Cassandra's own nodetool (from the same jars) against the local node; returns its output. */
export function nodetool(...args) {
  const result = spawnSync(
    javaBinary(),
    [
      ...JAVA17_MODULE_FLAGS,
      `-Dlogback.configurationFile=${join(BUILD_DIR, 'logback-tools.xml')}`,
      '-cp',
      join(paths.lib, '*'),
      'org.apache.cassandra.tools.NodeTool',
      '-h',
      '127.0.0.1',
      '-p',
      String(JMX_PORT),
      ...args,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new NodeError(`nodetool ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Stops the local node when it runs; waits until the Java process has exited. */
export async function stopNode({ log = console.log } = {}) {
  const pid = runningPid();
  rmSync(paths.pidFile, { force: true });
  if (!pid) {
    log('The local Cassandra node is not running.');
    return { stopped: false };
  }
  // SIGTERM lets Cassandra's shutdown hook drain: acknowledged writes survive a restart.
  process.kill(pid, 'SIGTERM');
  let deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      log(`Cassandra (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s and was killed.`);
      deadline = Infinity;
    }
    await sleep(200);
  }
  log(`Stopped the local Cassandra node (pid ${pid}).`);
  return { stopped: true };
}
