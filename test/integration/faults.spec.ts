// Faults against the real node: it stops under load and comes back, it is down
// when the application starts, the application shuts down mid-flight, and
// acknowledged writes survive a restart.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client, errors as driverErrors } from 'cassandra-driver';
import { CassandraConfigError, CassandraModule } from '../../lib/index.js';
import { CassandraHealthIndicator } from '../../lib/health/index.js';
import { TerminusModule } from '@nestjs/terminus';
import { eventually } from '../support/eventually.js';
import { NATIVE_PORT, nodeOptions } from '../support/local-node.js';
import { startNode, stopNode } from '../support/node-control.js';

const silent = {
  log: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

function compile(options: Parameters<typeof CassandraModule.forRoot>[0]): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [TerminusModule, CassandraModule.forRoot(options)],
    providers: [CassandraHealthIndicator],
  })
    .setLogger(silent)
    .compile();
}

/** Sockets of this process still open to the node. */
function socketsToNode(): number {
  const handles = (process as unknown as { _getActiveHandles(): { remotePort?: number }[] })._getActiveHandles();
  return handles.filter((handle) => handle.remotePort === NATIVE_PORT).length;
}

describe('faults', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  it('survives the node stopping under a query loop, and recovers without a restart once it is back', async () => {
    const app = await compile(nodeOptions()); // the driver's default reconnection policy
    const client = app.get(Client);
    const health = app.get(CassandraHealthIndicator);
    const outcomes: { at: number; ok: boolean; driverError?: boolean }[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        try {
          await client.execute('SELECT release_version FROM system.local', [], { prepare: true });
          outcomes.push({ at: Date.now(), ok: true });
        } catch (error) {
          outcomes.push({ at: Date.now(), ok: false, driverError: error instanceof driverErrors.DriverError });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    })();
    try {
      await eventually(() => expect(outcomes.some((outcome) => outcome.ok)).toBe(true));
      await stopNode();
      await eventually(() => expect(outcomes.at(-1)?.ok).toBe(false));
      expect((await health.pingCheck()).cassandra.status).toBe('down');

      await startNode();
      const backAt = Date.now();
      await eventually(() => expect(outcomes.at(-1)?.ok).toBe(true), 60_000, 100);
      const recoveryMs = Date.now() - backAt;
      expect((await health.pingCheck()).cassandra.status).toBe('up');

      const failures = outcomes.filter((outcome) => !outcome.ok);
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((failure) => failure.driverError)).toBe(true);
      expect(unhandled).toEqual([]);
      console.log(
        `recovery: queries succeed again ${recoveryMs} ms after the node accepts connections (default reconnection policy); ${failures.length} queries failed while it was down`,
      );
    } finally {
      running = false;
      await loop;
      await app.close();
    }
  }, 120_000);

  describe('with the node down at start-up', () => {
    beforeAll(() => stopNode());
    afterAll(() => startNode());

    it('retries as configured, then fails with an error that names the host', async () => {
      const started = Date.now();
      const error = await compile({ ...nodeOptions(), connectRetries: 3, connectRetryDelayMs: 200 }).catch(
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(CassandraConfigError);
      expect(error).toMatchObject({ code: 'UNREACHABLE' });
      expect((error as Error).message).toMatch(/after 3 attempts.*\n.*127\.0\.0\.1:9042: .*ECONNREFUSED/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(600); // 200 + 400 ms of back-off
    });

    it('starts when the node comes up inside the retry window', async () => {
      const app = compile({ ...nodeOptions(), connectRetries: 8, connectRetryDelayMs: 1000 });
      await startNode();
      const client = (await app).get(Client);
      await expect(client.execute('SELECT now() FROM system.local')).resolves.toBeDefined();
      await (await app).close();
      await stopNode(); // the afterAll starts it again
    }, 120_000);
  });

  it('shuts down with queries in flight: they finish first, and no socket stays open', async () => {
    const app = await compile(nodeOptions());
    const client = app.get(Client);
    const inFlight = Array.from({ length: 200 }, () =>
      client.execute('SELECT release_version FROM system.local', [], { prepare: true }).then(
        () => 'ok',
        (error: Error) => error.name,
      ),
    );
    await app.close();
    const settled = await Promise.all(inFlight);
    expect(settled).toEqual(Array.from({ length: 200 }, () => 'ok'));
    await eventually(() => expect(socketsToNode()).toBe(0), 5_000);
    expect(unhandled).toEqual([]);
  });

  it('lets the process exit by itself after a shutdown under load, the queries in flight finished', async () => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('../support/app-under-load.mjs', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await eventually(() => expect(output).toContain('ready'), 30_000, 50);
    await sleep(1000); // under load for a second
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const deadline = sleep(15_000).then(() => 'still running');
    const exitCode = await Promise.race([exited, deadline]);
    if (exitCode === 'still running') child.kill('SIGKILL');
    expect(exitCode).toBe(0);
    const counts = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(counts).toMatchObject({ inFlight: 0, failed: 0 });
    expect(counts.inFlightAtSignal).toBeGreaterThan(0);
    expect(counts.succeeded).toBeGreaterThan(100);
    console.log(
      `shutdown: exited ${Date.now() - signalledAt} ms after SIGTERM; ${counts.inFlightAtSignal} queries in flight finished, ${counts.failed} failed`,
    );
  });

  it('keeps every write acknowledged before a node restart', async () => {
    const rows = 2000;
    let app = await compile(nodeOptions());
    let client = app.get(Client);
    await client.execute(
      "CREATE KEYSPACE IF NOT EXISTS faults WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    );
    await client.execute('DROP TABLE IF EXISTS faults.acknowledged');
    await client.execute('CREATE TABLE faults.acknowledged (id int PRIMARY KEY, payload text)');
    let acknowledged = 0;
    for (let start = 0; start < rows; start += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, offset) =>
          client
            .execute(
              'INSERT INTO faults.acknowledged (id, payload) VALUES (?, ?)',
              [start + offset, `row ${start + offset}`],
              {
                prepare: true,
              },
            )
            .then(() => acknowledged++),
        ),
      );
    }
    await app.close();
    await stopNode();
    await startNode();

    app = await compile(nodeOptions());
    client = app.get(Client);
    const result = await client.execute('SELECT count(*) AS rows FROM faults.acknowledged');
    expect(acknowledged).toBe(rows);
    expect(Number(result.first().get('rows'))).toBe(acknowledged);
    await app.close();
  }, 120_000);
});
