/** One CSV record: its fields, its row number as a spreadsheet counts it (the header is row 1), and what is wrong with it. */
export interface CsvRecord {
  fields: string[];
  row: number;
  error?: string;
  /** Set when the record passed {@link MAX_COLUMNS} or {@link MAX_RECORD_CHARS}: its fields are cut short. */
  oversize?: true;
}

/**
 * The widest record read. The import's files have about a dozen columns; without a bound, a
 * header of millions of empty columns holds the server for seconds while it is matched.
 */
export const MAX_COLUMNS = 1024;
/**
 * The longest record read, in characters (line breaks inside quotes included). A feedback text is
 * at most 4,000 characters and a row about 5,000; past this the rest of the record is skipped, not
 * held, so that a file without line breaks cannot fill the memory.
 */
export const MAX_RECORD_CHARS = 64 * 1024;

const QUOTE = 34;
const CR = 13;
const LF = 10;
const COMMA = 44;
/** What still matters in a record past the limits: a quote (a quoted field may hold line breaks) or the line break that ends it. */
const RECORD_END = /["\r\n]/g;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * A streaming RFC 4180 parser: fields separated by commas, records by CRLF (or LF, or CR),
 * fields optionally in double quotes, a quote inside quotes doubled, line breaks allowed inside
 * quotes. Input arrives in chunks of any size (a multi-byte character or a CRLF may be split);
 * records come out in batches, one batch per chunk, so that memory stays flat for any file size.
 * A malformed record (a quote inside an unquoted field, text after a closing quote, a quote never
 * closed) comes out with `error` set and parsing goes on with the next record, as does a record
 * wider than {@link MAX_COLUMNS} or longer than {@link MAX_RECORD_CHARS} (with `oversize` set, and
 * only its beginning kept). A leading BOM is dropped.
 */
export async function* parseCsv(source: AsyncIterable<Buffer | Uint8Array | string>, encoding = 'utf-8'): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder(encoding);
  let state = State.FieldStart as State;
  let fields: string[] = [];
  let field = '';
  let error: string | undefined;
  let oversize = false;
  let chars = 0;
  let row = 1;
  let skipLf = false;
  let first = true;
  let out: CsvRecord[] = [];

  const endRecord = () => {
    out.push(oversize ? { fields, row, error: error!, oversize: true } : error ? { fields, row, error } : { fields, row });
    fields = [];
    field = '';
    error = undefined;
    oversize = false;
    chars = 0;
    row++;
  };
  const tooBig = (what: string) => {
    if (!oversize) error = what;
    oversize = true;
  };
  const append = (text: string) => {
    chars += text.length;
    if (chars > MAX_RECORD_CHARS) tooBig(`the row is longer than ${MAX_RECORD_CHARS} characters`);
    else field += text;
  };
  const endField = () => {
    if (fields.length >= MAX_COLUMNS) tooBig(`the row has more than ${MAX_COLUMNS} columns`);
    else fields.push(field);
    field = '';
  };

  /** Ends the record at the line break at `at` (CR, LF or CRLF, perhaps split between chunks); answers where the next begins. */
  const lineBreak = (text: string, at: number): number => {
    endRecord();
    let i = at + 1;
    if (text.charCodeAt(at) === CR) {
      if (i < text.length) {
        if (text.charCodeAt(i) === LF) i++;
      } else skipLf = true;
    }
    return i;
  };

  const feed = (text: string) => {
    let i = 0;
    const n = text.length;
    if (first && n) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (skipLf && i < n) {
      skipLf = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    while (i < n) {
      switch (state) {
        case State.FieldStart:
        case State.Unquoted: {
          if (state === State.FieldStart && text.charCodeAt(i) === QUOTE) {
            state = State.Quoted;
            i++;
            break;
          }
          if (oversize) {
            // Nothing more of this record is kept: skip to its end without splitting fields.
            RECORD_END.lastIndex = i;
            const hit = RECORD_END.exec(text);
            const end = hit ? hit.index : n;
            const fieldStart = end > i ? text.charCodeAt(end - 1) === COMMA : state === State.FieldStart;
            if (!hit) {
              state = fieldStart ? State.FieldStart : State.Unquoted;
              i = n;
            } else if (text.charCodeAt(end) === QUOTE) {
              state = fieldStart ? State.Quoted : State.Unquoted;
              i = end + 1;
            } else {
              state = State.FieldStart;
              i = lineBreak(text, end);
            }
            break;
          }
          // Scan to the next comma or line break in one go.
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) error ??= 'a double quote inside an unquoted field';
          }
          append(text.slice(i, j));
          if (j === n) {
            state = State.Unquoted;
            i = j;
            break;
          }
          endField();
          state = State.FieldStart;
          i = c === COMMA ? j + 1 : lineBreak(text, j);
          break;
        }
        case State.Quoted: {
          const q = text.indexOf('"', i);
          if (q < 0) {
            append(text.slice(i));
            i = n;
            break;
          }
          append(text.slice(i, q));
          state = State.QuoteInQuoted;
          i = q + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            append('"');
            state = State.Quoted;
            i++;
          } else if (c === COMMA || c === LF || c === CR) {
            state = State.Unquoted;
          } else {
            error ??= 'text after a closing double quote';
            state = State.Unquoted;
          }
          break;
        }
      }
    }
  };

  for await (const chunk of source) {
    feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (out.length) {
      yield out;
      out = [];
    }
  }
  feed(decoder.decode());
  if (state === State.Quoted) {
    if (!oversize) error ??= 'a double-quoted field is never closed';
    endField();
    endRecord();
  } else if (state !== State.FieldStart || fields.length) {
    endField();
    endRecord();
  }
  if (out.length) yield out;
}
