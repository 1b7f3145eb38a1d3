import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export interface Note {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

export class CreateNoteDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @IsString()
  @MaxLength(10_000)
  body!: string;
}
