import { AppError } from '../core/errors.js';

/**
 * A file refused for what it is (too large, not a workbook, malformed XML), in words for the
 * person who sent it. Readers throw it with the user-facing message; the service turns it into
 * the import's error (or, before the import is registered, into a BAD_USER_INPUT answer).
 */
export class FileRefusal extends Error {
  constructor(
    message: string,
    /** 413 when the file is refused for its size, 400 when for its content. */
    readonly status: 400 | 413 = 400,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const tooLarge = (message: string) => new FileRefusal(message, 413);

/** A refusal as the contract's error: BAD_USER_INPUT, with the HTTP status the upload route answers. */
export const refusalError = (refusal: FileRefusal) =>
  new AppError('BAD_USER_INPUT', refusal.message, { field: 'file', status: refusal.status });

/**
 * What to tell the sender of a file no reader could make sense of. Library messages ("invalid
 * signature: 0x…", "FILE_ENDED", "Cannot read properties of undefined") name internals, not the
 * file's fault: they are logged, and the sender hears what to do.
 */
export function unreadable(format: 'CSV' | 'XLSX', err: unknown): FileRefusal {
  if (err instanceof FileRefusal) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (format === 'XLSX') {
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
      return new FileRefusal('The XLSX file is damaged (a compressed part cannot be read); save it again from Excel and re-import it.');
    return new FileRefusal('The file is not a readable XLSX workbook; save it again from Excel (.xlsx) and re-import it.');
  }
  return new FileRefusal('The file could not be read as CSV; save it again as CSV (UTF-8) and re-import it.');
}
