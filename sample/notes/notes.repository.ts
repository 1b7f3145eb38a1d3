import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, types } from 'cassandra-driver';
import type { CreateNoteDto, Note } from './note.js';

/** Notes in Cassandra, through the Client that CassandraModule connected over TLS. */
@Injectable()
export class NotesRepository implements OnModuleInit {
  private readonly keyspace: string;
  private readonly table: string;

  constructor(
    private readonly client: Client,
    private readonly config: ConfigService,
  ) {
    this.keyspace = config.get<string>('NOTES_KEYSPACE', 'notes_sample');
    this.table = `${this.keyspace}.notes`;
  }

  /** Creates the keyspace and table on start. On a real cluster, prefer NetworkTopologyStrategy and a migration tool. */
  async onModuleInit(): Promise<void> {
    const replicationFactor = this.config.get<string>('NOTES_REPLICATION_FACTOR', '1');
    await this.client.execute(
      `CREATE KEYSPACE IF NOT EXISTS ${this.keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${Number(replicationFactor)}}`,
    );
    await this.client.execute(
      `CREATE TABLE IF NOT EXISTS ${this.table} (id uuid PRIMARY KEY, title text, body text, created_at timestamp)`,
    );
  }

  async create({ title, body }: CreateNoteDto): Promise<Note> {
    const note = { id: types.Uuid.random().toString(), title, body, createdAt: new Date().toISOString() };
    await this.client.execute(
      `INSERT INTO ${this.table} (id, title, body, created_at) VALUES (?, ?, ?, ?)`,
      [note.id, title, body, new Date(note.createdAt)],
      { prepare: true },
    );
    return note;
  }

  async list(limit = 100): Promise<Note[]> {
    const result = await this.client.execute(`SELECT id, title, body, created_at FROM ${this.table} LIMIT ?`, [limit], {
      prepare: true,
    });
    return result.rows.map(toNote);
  }

  async findById(id: string): Promise<Note | undefined> {
    const result = await this.client.execute(
      `SELECT id, title, body, created_at FROM ${this.table} WHERE id = ?`,
      [id],
      {
        prepare: true,
      },
    );
    const row = result.first();
    return row ? toNote(row) : undefined;
  }

  /** True when a note was deleted; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const result = await this.client.execute(`DELETE FROM ${this.table} WHERE id = ? IF EXISTS`, [id], {
      prepare: true,
    });
    return result.wasApplied();
  }
}

function toNote(row: types.Row): Note {
  return {
    id: String(row.get('id')),
    title: String(row.get('title')),
    body: String(row.get('body')),
    createdAt: (row.get('created_at') as Date).toISOString(),
  };
}
