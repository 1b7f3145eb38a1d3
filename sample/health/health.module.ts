import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CassandraHealthIndicator } from 'nestjs-cassandra-tls/health';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [CassandraHealthIndicator],
})
export class HealthModule {}
