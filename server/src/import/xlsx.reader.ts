import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CsvRecord } from './csv.parser.js';
import { MAX_COLUMNS, MAX_RECORD_CHARS } from './csv.parser.js';
import { FileRefusal, tooLarge } from './import.errors.js';
import { ZipReader, type ZipBudget } from './zip.reader.js';

// Rows of at most MAX_RECORD_CHARS each: a batch stays within tens of MB whatever the sheet.
const BATCH = 200;
const MB = 1024 * 1024;
/** Workbook, relationships and styles: small parts, read whole. */
const SMALL_PART_BYTES = 64 * MB;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface XlsxLimits extends ZipBudget {
  /** The shared strings part, inflated: the strings are held in memory while the sheet is read. */
  maxStringsBytes: number;
}

/** Excel's built-in number formats that show a date or a time. */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a custom number format shows a date or time (as exceljs decides it): y, m, d, h, s outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** The local name of a tag: some writers prefix SpreadsheetML (`x:row`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);
const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  const v = tag.attributes[name];
  return typeof v === 'string' ? v : undefined;
};

/** A parser that refuses document types: a workbook has none, and entity tricks (XXE, billion laughs) need one. */
function xmlParser(): SaxesParser {
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new FileRefusal('The XLSX file declares an XML document type, which workbooks never do; it is refused.');
  });
  return parser;
}

function parseWhole(text: string, onOpen: (tag: SaxesTagPlain) => void): void {
  const parser = xmlParser();
  parser.on('opentag', (tag) => onOpen(tag as SaxesTagPlain));
  parser.write(text).close();
}

/**
 * Collects the text of `<t>` elements between an opening and a closing element (a shared string
 * `<si>` or an inline `<is>`), leaving out phonetic runs (`<rPh>`), as Excel shows the cell.
 */
class RichText {
  private depthPh = 0;
  private inT = false;
  text = '';

  open(name: string): void {
    if (name === 'rPh') this.depthPh++;
    else if (name === 't' && !this.depthPh) this.inT = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.depthPh--;
    else if (name === 't') this.inT = false;
  }
  add(text: string): void {
    if (this.inT) this.text += text;
  }
}

/** Excel's day number as the wall-clock `YYYY-MM-DD HH:MM:SS` it shows (no zone: validation reads it as bank time). */
function excelDateText(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(
    d.getUTCSeconds(),
  )}`;
}

/** `B12` → 1 (zero-based column); undefined when the reference is not a cell's. */
function columnOf(ref: string): number | undefined {
  const m = /^([A-Z]{1,3})\d*$/i.exec(ref);
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(base), target));
}

function relsOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

/**
 * The first worksheet of an XLSX file on disk. Opening it reads the workbook, its styles and its
 * shared strings, after checking that everything it will inflate fits the limits; the rows then
 * stream from the sheet part, whatever the parts' order in the archive (nothing is spilled to
 * disk, unlike a reader that must take the ZIP as a stream). Every refusal is a
 * {@link FileRefusal}: 413 for the limits, 400 for what is not a workbook.
 */
export class XlsxSheet {
  private constructor(
    private readonly zip: ZipReader,
    private readonly sheetPart: string,
    private readonly strings: readonly string[],
    private readonly dateStyles: ReadonlySet<number>,
    private readonly date1904: boolean,
  ) {}

  static async open(file: string, limits: XlsxLimits): Promise<XlsxSheet> {
    const zip = await ZipReader.open(file, limits);
    try {
      return await XlsxSheet.read(zip, limits);
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  private static async read(zip: ZipReader, limits: XlsxLimits): Promise<XlsxSheet> {
    const small = async (name: string): Promise<string | undefined> => {
      if (!zip.has(name)) return undefined;
      if (zip.sizeOf(name) > SMALL_PART_BYTES) throw tooLarge(`The XLSX part ${name} is larger than ${SMALL_PART_BYTES / MB} MB.`);
      return zip.text(name);
    };
    let workbookPart = 'xl/workbook.xml';
    const rootRels = await small('_rels/.rels');
    if (rootRels)
      parseWhole(rootRels, (tag) => {
        if (local(tag.name) === 'Relationship' && attr(tag, 'Type')?.endsWith('/officeDocument'))
          workbookPart = resolveTarget('', attr(tag, 'Target') ?? workbookPart);
      });
    const workbook = await small(workbookPart);
    if (workbook === undefined) throw new FileRefusal('The file is not an Excel workbook (.xlsx): it has no workbook part.');

    const targets = new Map<string, { type: string; target: string }>();
    const rels = await small(relsOf(workbookPart));
    if (rels)
      parseWhole(rels, (tag) => {
        const id = attr(tag, 'Id');
        const target = attr(tag, 'Target');
        if (local(tag.name) === 'Relationship' && id && target && attr(tag, 'TargetMode') !== 'External')
          targets.set(id, { type: attr(tag, 'Type') ?? '', target: resolveTarget(workbookPart, target) });
      });
    let date1904 = false;
    let firstSheetRel: string | undefined;
    parseWhole(workbook, (tag) => {
      const name = local(tag.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
      if (name === 'sheet' && firstSheetRel === undefined)
        firstSheetRel = Object.entries(tag.attributes).find(([k]) => local(k) === 'id' && k !== 'id')?.[1] as string | undefined;
    });
    const rel = (suffix: string) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.target;
    const sheetPart =
      (firstSheetRel && targets.get(firstSheetRel)?.target) ??
      rel('/worksheet') ??
      path.posix.join(path.posix.dirname(workbookPart), 'worksheets/sheet1.xml');
    if (!zip.has(sheetPart)) throw new FileRefusal('The XLSX workbook has no worksheet to import.');
    const stringsPart = rel('/sharedStrings') ?? path.posix.join(path.posix.dirname(workbookPart), 'sharedStrings.xml');
    const stylesPart = rel('/styles') ?? path.posix.join(path.posix.dirname(workbookPart), 'styles.xml');

    // Everything this import will inflate, judged before any of it is.
    if (zip.sizeOf(stringsPart) > limits.maxStringsBytes)
      throw tooLarge(
        `The XLSX file's shared strings inflate to more than ${Math.ceil(limits.maxStringsBytes / MB)} MB; split it into smaller files.`,
      );
    zip.check([sheetPart, stringsPart, stylesPart]);

    const dateStyles = new Set<number>();
    const styles = await small(stylesPart);
    if (styles) {
      const customDates = new Set<number>();
      let inCellXfs = false;
      let xf = 0;
      const parser = xmlParser();
      parser.on('opentag', (tag) => {
        const name = local(tag.name);
        if (name === 'numFmt' && isDateFormat(attr(tag as SaxesTagPlain, 'formatCode') ?? ''))
          customDates.add(Number(attr(tag as SaxesTagPlain, 'numFmtId')));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(attr(tag as SaxesTagPlain, 'numFmtId') ?? 0);
          if (DATE_FORMAT_IDS.has(id) || customDates.has(id)) dateStyles.add(xf);
          xf++;
        }
      });
      parser.on('closetag', (tag) => {
        if (local(tag.name) === 'cellXfs') inCellXfs = false;
      });
      parser.write(styles).close();
    }

    const strings: string[] = [];
    if (zip.has(stringsPart)) {
      const parser = xmlParser();
      let si: RichText | null = null;
      parser.on('opentag', (tag) => {
        const name = local(tag.name);
        if (name === 'si') si = new RichText();
        else si?.open(name);
      });
      parser.on('text', (text) => si?.add(text));
      parser.on('closetag', (tag) => {
        const name = local(tag.name);
        if (name === 'si' && si) {
          strings.push(si.text);
          si = null;
        } else si?.close(name);
      });
      const stream = await zip.stream(stringsPart);
      stream.setEncoding('utf8');
      for await (const chunk of stream) parser.write(chunk as string);
      parser.close();
    }
    return new XlsxSheet(zip, sheetPart, strings, dateStyles, date1904);
  }

  /**
   * The sheet's rows in batches, with the sheet's own row numbers. A row wider than
   * {@link MAX_COLUMNS} or longer than {@link MAX_RECORD_CHARS} comes out with `error` set (and
   * its cells cut), as the CSV parser does. `onProgress` hears the share of the sheet read so far.
   * Closes the file when done, failed or abandoned.
   */
  async *rows(onProgress?: (fraction: number) => void): AsyncGenerator<CsvRecord[]> {
    const parser = xmlParser();
    let out: CsvRecord[] = [];
    let rowNumber = 0;
    let fields: string[] = [];
    let chars = 0;
    let error: string | undefined;
    let cell: { col: number; type: string; style: number; value: string; inline: RichText | null; inV: boolean } | null = null;
    let nextCol = 0;

    const put = (col: number, text: string) => {
      if (!text) return;
      if (col >= MAX_COLUMNS) {
        error ??= `the row has more than ${MAX_COLUMNS} columns`;
        return;
      }
      chars += text.length;
      if (chars > MAX_RECORD_CHARS) {
        error ??= `the row is longer than ${MAX_RECORD_CHARS} characters`;
        return;
      }
      while (fields.length < col) fields.push('');
      fields[col] = text;
    };
    const valueOf = (c: NonNullable<typeof cell>): string => {
      switch (c.type) {
        case 's':
          return this.strings[Number(c.value)] ?? '';
        case 'inlineStr':
          return c.inline?.text ?? '';
        case 'str':
          return c.value;
        case 'b':
          return c.value === '1' || c.value === 'true' ? 'true' : c.value ? 'false' : '';
        case 'e':
          return '';
        default: {
          if (!c.value) return '';
          const n = Number(c.value);
          if (!Number.isFinite(n)) return c.value;
          return this.dateStyles.has(c.style) ? excelDateText(n, this.date1904) : String(n);
        }
      }
    };

    parser.on('opentag', (tag) => {
      const t = tag as SaxesTagPlain;
      const name = local(t.name);
      if (cell) {
        if (name === 'v') cell.inV = true;
        else if (name === 'is') cell.inline = new RichText();
        else cell.inline?.open(name);
      } else if (name === 'row') {
        const r = Number(attr(t, 'r'));
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        fields = [];
        chars = 0;
        error = undefined;
        nextCol = 0;
      } else if (name === 'c') {
        // `r` is optional in SpreadsheetML: a cell without it follows the previous one.
        const ref = attr(t, 'r');
        const col = (ref ? columnOf(ref) : undefined) ?? nextCol;
        cell = { col, type: attr(t, 't') ?? 'n', style: Number(attr(t, 's') ?? 0), value: '', inline: null, inV: false };
      }
    });
    parser.on('text', (text) => {
      if (!cell) return;
      if (cell.inV) {
        cell.value += text;
        if (cell.value.length > MAX_RECORD_CHARS) throw tooLarge(`Row ${rowNumber} has a cell longer than ${MAX_RECORD_CHARS} characters.`);
      } else if (cell.inline) {
        cell.inline.add(text);
        if (cell.inline.text.length > MAX_RECORD_CHARS)
          throw tooLarge(`Row ${rowNumber} has a cell longer than ${MAX_RECORD_CHARS} characters.`);
      }
    });
    parser.on('closetag', (tag) => {
      const name = local(tag.name);
      if (cell) {
        if (name === 'v') cell.inV = false;
        else if (name === 'c') {
          put(cell.col, valueOf(cell));
          nextCol = cell.col + 1;
          cell = null;
        } else if (name !== 'is') cell.inline?.close(name);
      } else if (name === 'row') {
        out.push(error ? { fields, row: rowNumber, error } : { fields, row: rowNumber });
      }
    });

    try {
      const size = Math.max(1, this.zip.sizeOf(this.sheetPart));
      const decoder = new TextDecoder('utf-8');
      let read = 0;
      for await (const chunk of await this.zip.stream(this.sheetPart)) {
        read += (chunk as Buffer).length;
        parser.write(decoder.decode(chunk as Buffer, { stream: true }));
        if (out.length >= BATCH) {
          onProgress?.(read / size);
          yield out;
          out = [];
        }
      }
      parser.write(decoder.decode());
      parser.close();
      onProgress?.(1);
      if (out.length) yield out;
    } finally {
      this.zip.close();
    }
  }

  close(): void {
    this.zip.close();
  }
}
