import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
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
    return this.health.check([() => this.cassandra.pingCheck('cassandra', { timeout: 1000 })]);
  }
}
