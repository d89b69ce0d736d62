import type { RoleCode } from '../core/roles.js';
import { mayWorkOnAction } from '../core/permissions.rules.js';
import type { EvidenceParentCode } from './evidence.table.js';

/** The file types evidence may be, decided from the content; the name and the browser's word count for nothing. */
export const EVIDENCE_TYPES = {
  png: { contentType: 'image/png', image: true },
  jpeg: { contentType: 'image/jpeg', image: true },
  gif: { contentType: 'image/gif', image: true },
  webp: { contentType: 'image/webp', image: true },
  pdf: { contentType: 'application/pdf', image: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', image: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', image: false },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', image: false },
  doc: { contentType: 'application/msword', image: false },
  xls: { contentType: 'application/vnd.ms-excel', image: false },
  txt: { contentType: 'text/plain; charset=utf-8', image: false },
} as const;
export type EvidenceTypeCode = keyof typeof EVIDENCE_TYPES;

/** How many leading bytes the first look needs. */
export const HEAD_BYTES = 64;

/**
 * What the first bytes say the file is: a final type (images, PDF), a container whose inside
 * decides (ZIP: OOXML or not; CFB: a legacy Word or Excel file or not), text to be checked whole,
 * or refused (`null`: an executable, an archive, anything else with a binary signature).
 */
export function firstLook(head: Uint8Array): EvidenceTypeCode | 'zip' | 'cfb' | 'text' | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const ascii = (at: number, s: string) => [...s].every((c, i) => head[at + i] === c.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(0, '%PDF-')) return 'pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'cfb';
  // Text has no signature; whatever binary marker came before it was refused above, and the whole
  // file must still be UTF-8 without control characters (a renamed executable is not).
  return 'text';
}

const OOXML_MAIN: Record<string, EvidenceTypeCode> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};

/**
 * An Office Open XML package's type from its `[Content_Types].xml`: the main part's declared
 * type. Macro-enabled documents (docm, xlsm, pptm) declare other types and are refused, as is a
 * package naming two kinds of main part or none.
 */
export function ooxmlTypeOf(contentTypesXml: string): EvidenceTypeCode | null {
  const declared = new Set<EvidenceTypeCode>();
  for (const m of contentTypesXml.matchAll(/ContentType\s*=\s*"([^"]+)"/g)) {
    const type = m[1]!.trim().toLowerCase();
    if (OOXML_MAIN[type]) declared.add(OOXML_MAIN[type]);
    if (/macroenabled|vbaproject/.test(type)) return null;
  }
  return declared.size === 1 ? [...declared][0]! : null;
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');
const WORD_STREAM = utf16('WordDocument');
const WORKBOOK_STREAMS = [utf16('Workbook'), utf16('Book\0')];
const MACRO_STREAMS = [utf16('_VBA_PROJECT'), utf16('Macros')];

/**
 * A legacy Office (compound file) document's type from the stream names its directory holds
 * (UTF-16LE): `WordDocument` for Word, `Workbook` (or BIFF5's `Book`) for Excel. Files carrying
 * VBA macros, and compound files of any other kind (an .msi installer is one), are refused.
 */
export function compoundTypeOf(bytes: Buffer): EvidenceTypeCode | null {
  if (MACRO_STREAMS.some((s) => bytes.includes(s))) return null;
  const word = bytes.includes(WORD_STREAM);
  const excel = WORKBOOK_STREAMS.some((s) => bytes.includes(s));
  if (word === excel) return null;
  return word ? 'doc' : 'xls';
}

/**
 * Whether a chunk of decoded text holds characters a plain text file does not: C0 controls other
 * than tab, line feed, form feed and carriage return, and DEL. A binary file that happens to
 * decode as UTF-8 (an ELF header does) is caught here.
 */
export function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The longest file name kept, in characters. */
export const MAX_FILE_NAME = 200;

/**
 * Why a file name is refused, or null: it is only a label (the bytes are addressed by their hash),
 * but it travels into downloads' headers and into users' save dialogs, so it holds no path
 * (`/`, `\`, a drive's `:`), no control characters, and is not `.` or `..` or empty.
 */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return 'The file needs a name.';
  if (name.length > MAX_FILE_NAME) return `A file name may have at most ${MAX_FILE_NAME} characters.`;
  if (/[/\\:]/.test(name)) return 'A file name may not contain path characters (/ \\ :).';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name))
    return 'A file name may not contain control characters.';
  if (name === '.' || name === '..') return 'A file name may not be . or ..';
  return null;
}

/**
 * The `Content-Disposition` of a download (RFC 6266): the name as UTF-8 in `filename*` (RFC 5987)
 * and an ASCII stand-in in `filename` for old clients; never the raw name in a quoted string.
 */
export function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Who the parent is, as far as the right to attach depends on it. */
export type ParentFacts =
  | { kind: 'ACTION'; branchId: string | null; departmentId: string | null; status: string }
  | { kind: 'PROBLEM' }
  | { kind: 'DIAGNOSIS' }
  | { kind: 'OPINION'; expertId: string };

interface Who {
  id: string;
  role: RoleCode;
  departmentId: string | null;
  scope: ReadonlySet<string> | null;
}

// A settled row takes no more proof: confirmed is confirmed, cancelled and declined rows are the coordinator's.
const OWNER_CLOSED = new Set(['CONFIRMED', 'CANCELLED', 'DECLINED']);

/**
 * Who may attach a file: whoever may write the parent. An action: its owners (the branch manager
 * of its branch's subtree, the experts of its department) while it is theirs to work, and the
 * coordinator; a problem and its diagnosis: analysts and coordinators; an opinion: the expert who
 * gave it. Answers 'FORBIDDEN' (the role may not) or 'INVALID_TRANSITION' (not in this state).
 */
export function attachRefusal(viewer: Who, parent: ParentFacts): 'FORBIDDEN' | 'INVALID_TRANSITION' | null {
  switch (parent.kind) {
    case 'ACTION':
      if (viewer.role === 'COORDINATOR') return null;
      if (!mayWorkOnAction(viewer, parent)) return 'FORBIDDEN';
      return OWNER_CLOSED.has(parent.status) ? 'INVALID_TRANSITION' : null;
    case 'PROBLEM':
    case 'DIAGNOSIS':
      return viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR' ? null : 'FORBIDDEN';
    case 'OPINION':
      return viewer.role === 'EXPERT' && viewer.id === parent.expertId ? null : 'FORBIDDEN';
  }
}

/** Who may remove a file: the one who uploaded it, or the coordinator. */
export function mayRemove(viewer: { id: string; role: RoleCode }, file: { uploadedBy: string }): boolean {
  return viewer.role === 'COORDINATOR' || viewer.id === file.uploadedBy;
}

/** Whether a parent kind is addressed by a problem id (PROBLEM, DIAGNOSIS, OPINION) rather than an action id. */
export const isProblemPart = (kind: EvidenceParentCode): boolean => kind !== 'ACTION';
