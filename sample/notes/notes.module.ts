import { Module, ValidationPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { NotesController } from './notes.controller.js';
import { NotesRepository } from './notes.repository.js';

@Module({
  controllers: [NotesController],
  providers: [
    NotesRepository,
    { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }) },
  ],
})
export class NotesModule {}
