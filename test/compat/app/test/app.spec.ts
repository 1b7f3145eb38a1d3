import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'cassandra-driver';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';

describe('nestjs-cassandra-tls from its tarball, configured by CASSANDRA_* variables', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('injects a connected Client that reads system.local', async () => {
    const result = await app.get(Client).execute('SELECT release_version FROM system.local');
    expect(String(result.first().get('release_version'))).toMatch(/^5\.0\./);
  });

  it('answers /health with status ok', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { cassandra: { status: 'up' } } });
  });
});
