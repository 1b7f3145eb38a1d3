// A child process for the shutdown test: a Nest application (the built package)
// that runs queries on 16 workers until SIGTERM, then closes the application
// and lets the process end by itself: an open handle would keep it alive.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cassandra from 'cassandra-driver';
import { CassandraModule } from '../../dist/esm/index.js';
import { LOCAL_DATACENTER, NATIVE_PORT, paths } from '../../cassandra/node.mjs';

class AppModule {}
Module({
  imports: [
    CassandraModule.forRoot({
      contactPoints: [`127.0.0.1:${NATIVE_PORT}`],
      localDataCenter: LOCAL_DATACENTER,
      tls: { caFile: paths.caCert, certFile: paths.clientCert, keyFile: paths.clientKey },
    }),
  ],
})(AppModule);

const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
const client = app.get(cassandra.Client);
const counts = { succeeded: 0, failed: 0, inFlight: 0 };
let stopping = false;

const workers = Array.from({ length: 16 }, async () => {
  while (!stopping) {
    counts.inFlight++;
    try {
      await client.execute('SELECT release_version FROM system.local', [], { prepare: true });
      counts.succeeded++;
    } catch {
      counts.failed++;
    } finally {
      counts.inFlight--;
    }
  }
});

process.once('SIGTERM', async () => {
  const inFlightAtSignal = counts.inFlight;
  stopping = true;
  await app.close();
  await Promise.all(workers);
  console.log(JSON.stringify({ ...counts, inFlightAtSignal }));
});
console.log('ready');
