// CassandraHealthIndicator against the local node, including the node going
// away and coming back while the application keeps running.
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { policies, tracker } from 'cassandra-driver';
import request from 'supertest';
import { CassandraModule } from '../../lib/index.js';
import { CassandraHealthIndicator } from '../../lib/health/index.js';
import { continueNode, pauseNode, startNode, stopNode } from '../support/node-control.js';
import { nodeOptions } from '../support/local-node.js';
import { eventually } from '../support/eventually.js';

const PING_QUERY = 'SELECT release_version FROM system.local';

// The driver's typings declare RequestTracker as an interface; at run time it is
// the class that a tracker must extend (the driver checks with instanceof).
const RequestTracker = (tracker as unknown as { RequestTracker: new () => tracker.RequestTracker }).RequestTracker;

/** Counts the health queries the driver really sends. */
class PingCounter extends RequestTracker {
  pings = 0;
  override onSuccess(_host: unknown, query: unknown) {
    if (query === PING_QUERY) this.pings++;
  }
  override onError(_host: unknown, query: unknown) {
    if (query === PING_QUERY) this.pings++;
  }
}

@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cassandra: CassandraHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.cassandra.pingCheck('cassandra', { timeout: 500 })]);
  }
}

describe('CassandraHealthIndicator', () => {
  let app: INestApplication;
  let indicator: CassandraHealthIndicator;
  const counter = new PingCounter();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TerminusModule,
        CassandraModule.forRoot({
          ...nodeOptions(),
          // A short, constant reconnection delay so the test sees recovery quickly.
          driverOptions: {
            requestTracker: counter,
            policies: { reconnection: new policies.reconnection.ConstantReconnectionPolicy(500) },
          },
        }),
      ],
      controllers: [HealthController],
      providers: [CassandraHealthIndicator],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    indicator = app.get(CassandraHealthIndicator);
  });
  afterAll(() => app.close());

  it('is up with latency, hosts up, TLS protocol and days until the client certificate expires', async () => {
    const result = await indicator.pingCheck();
    expect(result.cassandra).toMatchObject({
      status: 'up',
      client: 'default',
      hosts: { up: 1, total: 1 },
      latencyMs: expect.any(Number),
      tls: { protocol: 'TLSv1.3', clientCertificateExpiresInDays: expect.any(Number) },
    });
    expect(result.cassandra.tls.clientCertificateExpiresInDays).toBeGreaterThan(3000);
  });

  it('answers /health with 200 and status ok', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { cassandra: { status: 'up' } } });
  });

  it('sends at most a handful of queries for a burst of 200 concurrent checks', async () => {
    const before = counter.pings;
    const results = await Promise.all(Array.from({ length: 200 }, () => indicator.pingCheck()));
    expect(results.every((result) => result.cassandra.status === 'up')).toBe(true);
    expect(counter.pings - before).toBeLessThanOrEqual(3);
  });

  it('is down with a timeout message when the node does not answer in time', async () => {
    pauseNode();
    try {
      const result = await indicator.pingCheck('cassandra', { timeout: 300 });
      expect(result.cassandra).toMatchObject({ status: 'down', message: 'Cassandra did not answer within 300 ms.' });
    } finally {
      continueNode();
    }
  });

  it('reports a missing named client as down instead of throwing', async () => {
    const result = await indicator.pingCheck('reports', { clientName: 'reports' });
    expect(result.reports).toMatchObject({
      status: 'down',
      message: expect.stringMatching(/No Cassandra client "reports"/),
    });
  });

  it('goes down while the node is stopped and up again once it is back, without restarting the application', async () => {
    await stopNode();
    try {
      await eventually(async () => {
        const response = await request(app.getHttpServer()).get('/health');
        expect(response.status).toBe(503);
        expect(response.body.error.cassandra).toMatchObject({ status: 'down' });
      });
    } finally {
      await startNode();
    }
    await eventually(async () => {
      await request(app.getHttpServer()).get('/health').expect(200);
    }, 60_000);
  }, 120_000);
});
