// The sample application end to end, over HTTP, on the local node.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../sample/app.module.js';
import { continueNode, pauseNode } from '../support/node-control.js';
import { nodeConfig } from '../support/local-node.js';

describe('the sample application', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    // As `npm run sample` does: settings come from the environment.
    Object.assign(process.env, nodeConfig(), { NOTES_KEYSPACE: 'notes_e2e' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    for (const key of [...Object.keys(nodeConfig()), 'NOTES_KEYSPACE']) delete process.env[key];
  });

  it('creates a note (201) and reads it back by id', async () => {
    const created = await http().post('/notes').send({ title: 'TLS', body: 'done right' }).expect(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'TLS',
      body: 'done right',
    });
    const fetched = await http().get(`/notes/${created.body.id}`).expect(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('lists the notes it keeps', async () => {
    const created = await http().post('/notes').send({ title: 'listed', body: '' }).expect(201);
    const listed = await http().get('/notes').expect(200);
    expect(listed.body).toContainEqual(created.body);
  });

  it('deletes a note (204), after which it is gone (404)', async () => {
    const created = await http().post('/notes').send({ title: 'short-lived', body: 'x' }).expect(201);
    await http().delete(`/notes/${created.body.id}`).expect(204);
    await http().get(`/notes/${created.body.id}`).expect(404);
    await http().delete(`/notes/${created.body.id}`).expect(404);
  });

  it.each([
    ['no title', { body: 'x' }],
    ['an empty title', { title: '', body: 'x' }],
    ['a title that is not text', { title: 42, body: 'x' }],
    ['a field it does not know', { title: 't', body: 'x', owner: 'root' }],
  ])('refuses a note with %s (400)', async (_, note) => {
    await http().post('/notes').send(note).expect(400);
  });

  it('refuses an id that is not a UUID (400)', async () => {
    await http().get('/notes/not-a-uuid').expect(400);
  });

  it('answers /health with 200, status ok and the TLS details', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: {
        cassandra: {
          status: 'up',
          hosts: { up: 1, total: 1 },
          tls: { protocol: expect.stringMatching(/^TLSv1\.[23]$/) },
        },
      },
    });
  });

  it('answers /health with 503 while the node does not answer', async () => {
    pauseNode();
    try {
      const response = await http().get('/health').expect(503);
      expect(response.body).toMatchObject({ status: 'error', error: { cassandra: { status: 'down' } } });
    } finally {
      continueNode();
    }
  });
});
