import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CassandraModule } from 'nestjs-cassandra-tls';
import { AppController } from './app.controller.js';
import { HealthModule } from './health/health.module.js';
import { NotesModule } from './notes/notes.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    // Every setting from CASSANDRA_* keys: contact points, datacenter, TLS files.
    CassandraModule.forRootAsync(),
    NotesModule,
    HealthModule,
  ],
  controllers: [AppController],
})
export class AppModule {}
