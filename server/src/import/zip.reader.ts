import { Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { FileRefusal, tooLarge } from './import.errors.js';

/** What reading one ZIP may cost, in bytes inflated. */
export interface ZipBudget {
  /** Everything read from the archive, inflated, together. */
  maxExpandedBytes: number;
  /** Inflated size over compressed size, per entry, for entries above `ratioFloorBytes`. */
  maxRatio: number;
}

/** Below this an entry's ratio is not judged: small XML parts of repeated tags compress very well, and cost little. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** An XLSX has tens of parts; a central directory of millions is an attack on the listing itself. */
const MAX_ENTRIES = 10_000;
const MB = 1024 * 1024;

const damaged = () =>
  new FileRefusal('The XLSX file is damaged (a part does not match its checksum); save it again from Excel and re-import it.');
const mb = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;

/**
 * A ZIP archive on disk, read in place through yauzl (random access: any entry, in any order,
 * without spilling another to disk first). Entry sizes come from the central directory and are
 * trusted because yauzl checks each inflated stream against them (`validateEntrySizes`); they are
 * judged against the budget before a byte is inflated, and the bytes are counted again while
 * inflating. Each entry's CRC-32 is checked at its end (yauzl does not): a file damaged in transit
 * whose deflate data still decodes would otherwise import altered text. Every refusal is a
 * {@link FileRefusal} in words for the sender.
 */
export class ZipReader {
  private expanded = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly budget: ZipBudget,
  ) {}

  /** Opens an archive and lists its entries; refuses a file that is not a ZIP. */
  static async open(file: string, budget: ZipBudget): Promise<ZipReader> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch (err) {
      throw new FileRefusal(
        'The file is not a readable XLSX workbook (not a ZIP archive, or cut short); save it again from Excel (.xlsx) and re-import it.',
        400,
        { cause: err },
      );
    }
    try {
      if (zip.entryCount > MAX_ENTRIES)
        throw new FileRefusal(`The XLSX file has more than ${MAX_ENTRIES} parts; it is not a workbook this hub reads.`);
      const entries = new Map<string, yauzl.Entry>();
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      return new ZipReader(zip, entries, budget);
    } catch (err) {
      zip.close();
      if (err instanceof FileRefusal) throw err;
      throw new FileRefusal(
        'The XLSX file is damaged (its table of contents cannot be read); save it again from Excel and re-import it.',
        400,
        { cause: err },
      );
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated size of an entry, as its central directory states it (and yauzl holds it to). */
  sizeOf(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }

  /**
   * Refuses, before anything is inflated, a set of entries that would break the budget: their
   * sizes together, or one of them inflating too far beyond its compressed size.
   */
  check(names: readonly string[]): void {
    let total = 0;
    for (const name of names) {
      const entry = this.entries.get(name);
      if (!entry) continue;
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > Math.max(1, entry.compressedSize) * this.budget.maxRatio)
        throw tooLarge(
          `The XLSX file inflates more than ${this.budget.maxRatio} times (${name}: ${mb(entry.uncompressedSize)} from ${Math.ceil(entry.compressedSize / 1024)} KB); it is refused as a ZIP bomb.`,
        );
    }
    if (this.expanded + total > this.budget.maxExpandedBytes)
      throw tooLarge(`The XLSX file inflates to more than ${mb(this.budget.maxExpandedBytes)}; split it into smaller files.`);
  }

  /** An entry's inflated bytes, counted against the budget as they come, checked against its CRC-32 at the end. */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw new FileRefusal(`The XLSX file lacks its part ${name}; save it again from Excel and re-import it.`);
    this.check([name]);
    const raw = await this.zip.openReadStreamPromise(entry);
    const budget = this.budget;
    let read = 0;
    let crc = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        read += chunk.length;
        this.expanded += chunk.length;
        crc = zlib.crc32(chunk, crc);
        if (read > entry.uncompressedSize || this.expanded > budget.maxExpandedBytes)
          done(tooLarge(`The XLSX file inflates to more than ${mb(budget.maxExpandedBytes)}; split it into smaller files.`));
        else done(null, chunk);
      },
      flush: (done) => {
        if (crc >>> 0 !== entry.crc32 >>> 0) done(damaged());
        else done();
      },
    });
    raw.on('error', (err) => counter.destroy(err));
    counter.on('close', () => raw.destroy());
    return raw.pipe(counter);
  }

  /** A small entry as text, whole (workbook, relationships, styles). */
  async text(name: string): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of await this.stream(name)) parts.push(chunk as Buffer);
    return Buffer.concat(parts).toString('utf8');
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}
