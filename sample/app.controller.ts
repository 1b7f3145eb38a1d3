import { Controller, Get } from '@nestjs/common';

@Controller()
export class AppController {
  /** A trivial endpoint: what the sample is, and where to look. */
  @Get()
  index() {
    return { name: 'nestjs-cassandra-tls sample', endpoints: ['/notes', '/health'] };
  }
}
