/** One CSV record: its fields, its row number as a spreadsheet counts it (the header is row 1), and what is wrong with it. */
export interface CsvRecord {
  fields: string[];
  row: number;
  error?: string;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const COMMA = 44;

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
 * closed) comes out with `error` set and parsing goes on with the next record. A leading BOM is
 * dropped.
 */
export async function* parseCsv(source: AsyncIterable<Buffer | Uint8Array | string>, encoding = 'utf-8'): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder(encoding);
  let state = State.FieldStart as State;
  let fields: string[] = [];
  let field = '';
  let error: string | undefined;
  let row = 1;
  let skipLf = false;
  let first = true;
  let out: CsvRecord[] = [];

  const endRecord = () => {
    out.push(error ? { fields, row, error } : { fields, row });
    fields = [];
    field = '';
    error = undefined;
    row++;
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
          // Scan to the next comma or line break in one go.
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) error ??= 'a double quote inside an unquoted field';
          }
          field += text.slice(i, j);
          if (j === n) {
            state = State.Unquoted;
            i = j;
            break;
          }
          fields.push(field);
          field = '';
          state = State.FieldStart;
          i = j + 1;
          if (c === LF || c === CR) {
            endRecord();
            if (c === CR) {
              if (i < n) {
                if (text.charCodeAt(i) === LF) i++;
              } else skipLf = true;
            }
          }
          break;
        }
        case State.Quoted: {
          const q = text.indexOf('"', i);
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          state = State.QuoteInQuoted;
          i = q + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            field += '"';
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
    error ??= 'a double-quoted field is never closed';
    fields.push(field);
    endRecord();
  } else if (state !== State.FieldStart || fields.length) {
    fields.push(field);
    endRecord();
  }
  if (out.length) yield out;
}
