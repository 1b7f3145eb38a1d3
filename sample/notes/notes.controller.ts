import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CreateNoteDto, type Note } from './note.js';
import { NotesRepository } from './notes.repository.js';

@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesRepository) {}

  @Post()
  create(@Body() note: CreateNoteDto): Promise<Note> {
    return this.notes.create(note);
  }

  @Get()
  list(): Promise<Note[]> {
    return this.notes.list();
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<Note> {
    const note = await this.notes.findById(id);
    if (!note) throw new NotFoundException(`No note ${id}.`);
    return note;
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.notes.delete(id))) throw new NotFoundException(`No note ${id}.`);
  }
}
