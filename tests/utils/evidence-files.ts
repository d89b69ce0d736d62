import yazl from 'yazl';
import ExcelJS from 'exceljs';

/** A real 1×1 PNG (a red pixel): what a phone photo is, as small as it gets. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The body of a multipart/form-data upload, written by hand so that a test chooses every byte of the part's header. */
export function multipart(fileName: string, data: Buffer, partName = 'file'): { body: Buffer; contentType: string } {
  const boundary = `----hubtest${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${partName}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function zipOf(entries: [string, string | Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name);
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${main}"/></Types>`;

/** An Office Open XML package whose main part declares `main` (the type its [Content_Types].xml names). */
export const ooxml = (main: string) =>
  zipOf([
    ['[Content_Types].xml', contentTypes(main)],
    ['main.xml', '<doc/>'],
  ]);

/** A compound file (legacy Office) holding a stream of this name in its directory. */
export function compound(stream: string): Buffer {
  const out = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  Buffer.from(stream, 'utf16le').copy(out, 1024);
  return out;
}

export async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('整改').addRow(['网点', '完成']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The start of a Windows executable (MZ, then the PE header's offset and stub). */
export function windowsExecutable(): Buffer {
  const out = Buffer.alloc(4096, 0);
  out.write('MZ', 0, 'latin1');
  out.writeUInt32LE(0x80, 0x3c);
  out.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  out.write('PE\0\0', 0x80, 'latin1');
  for (let i = 0x100; i < out.length; i++) out[i] = (i * 31) & 0xff;
  return out;
}
