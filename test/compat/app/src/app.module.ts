import { Controller, Get, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { CassandraModule } from 'nestjs-cassandra-tls';
import { CassandraHealthIndicator } from 'nestjs-cassandra-tls/health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cassandra: CassandraHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.cassandra.pingCheck()]);
  }
}

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true }), CassandraModule.forRootAsync(), TerminusModule],
  controllers: [HealthController],
  providers: [CassandraHealthIndicator],
})
export class AppModule {}
