import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { IMPORT_FORMATS, IMPORT_KINDS, IMPORT_STATUSES } from './import.table.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ImportKind = enumOf(IMPORT_KINDS);
export const ImportFormat = enumOf(IMPORT_FORMATS);
export const ImportStatus = enumOf(IMPORT_STATUSES);
registerEnumType(ImportKind, { name: 'ImportKind', description: 'What a bulk import brings in: feedback, or contact records.' });
registerEnumType(ImportFormat, { name: 'ImportFormat' });
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'RUNNING, then DONE or FAILED (a FAILED import is finished by importing the file again).',
});

@ObjectType('ImportRejectedRow', { description: 'A row left out, with its number as a spreadsheet counts it (the header is row 1).' })
export class ImportRejectedRowType {
  @Field(() => Int) row!: number;
  @Field(() => String) reason!: string;
}

@ObjectType('ImportProgress', { description: 'Where a bulk import (POST /imports/feedback or /imports/contacts, or the CLI) stands.' })
export class ImportProgressType {
  @Field(() => ID) importId!: string;
  @Field(() => ImportKind) kind!: string;
  @Field(() => ImportFormat) format!: string;
  @Field(() => String) fileName!: string;
  @Field(() => ImportStatus) status!: string;
  @Field(() => Int, { description: 'Data rows read so far (blank rows not counted).' }) rowsRead!: number;
  @Field(() => Int, { description: 'Records written.' }) inserted!: number;
  @Field(() => Int, { description: 'Rows already imported before (or twice in the file): skipped.' }) duplicates!: number;
  @Field(() => Int, { description: 'Rows refused; rejectedRows lists the first 1,000.' }) rejected!: number;
  @Field(() => Int) batches!: number;
  @Field(() => [ImportRejectedRowType]) rejectedRows!: ImportRejectedRowType[];
  @Field(() => String, { nullable: true, description: 'Why the import failed as a whole (a missing column, an unreadable file).' })
  error!: string | null;
  @Field(() => DateTimeResolver) startedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'Bytes of the file read so far, while it runs in this server.' }) bytesRead!:
    number | null;
  @Field(() => Float, { nullable: true }) totalBytes!: number | null;
}
