import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startHub, codeOf, type TestHub } from '../utils/hub.js';
import { tokens, demoIds, recordFeedback, problemInConsultation, conclude, ok, type DemoIds } from '../utils/fixtures.js';
import { PNG, multipart, ooxml, compound, realXlsx, windowsExecutable, zipOf } from '../utils/evidence-files.js';

/**
 * Evidence files over the real HTTP routes (issue 18): every allowed type passes and is typed from
 * its content; a renamed executable, an archive, a macro document are refused by content; an
 * oversize upload and one cut off half-way store nothing (no row, no bytes, no spooled file);
 * names with path or control characters are refused; a branch manager gets NOT_FOUND for another
 * branch's file; downloads are attachments, never sniffed, audited; removal by the uploader or the
 * coordinator with a reason, in the history.
 */
let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let problemId: string;
let shAction: string;
let bjAction: string;
const MAX_BYTES = 256 * 1024;

const base = () => hub.url.replace(/\/graphql$/, '');
async function upload(token: string, parentKind: string, parentId: string, fileName: string, data: Buffer) {
  const { body, contentType } = multipart(fileName, data);
  const res = await fetch(`${base()}/files?parentKind=${parentKind}&parentId=${encodeURIComponent(parentId)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}
const download = (token: string, id: string) => fetch(`${base()}/files/${id}`, { headers: { authorization: `Bearer ${token}` } });

/** How many files' bytes the storage holds: content-addressed files on SQLite, chunked blobs in PostgreSQL. */
async function storedBlobs(): Promise<number> {
  if (hub.db.dialect === 'postgres')
    return (await hub.db.get<{ n: number }>('SELECT count(DISTINCT sha256) AS n FROM evidence_chunks'))!.n * 1;
  const dir = path.join(hub.dir, 'evidence');
  if (!fs.existsSync(dir)) return 0;
  return fs
    .readdirSync(dir)
    .filter((d) => !d.startsWith('.'))
    .flatMap((d) => fs.readdirSync(path.join(dir, d)))
    .filter((f) => /^[0-9a-f]{64}$/.test(f)).length;
}
const incoming = () => {
  const dir = hub.app.services.evidence.storage.incomingDir;
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const rowsOf = async () => Number((await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM evidence_files'))!.n);
const state = async () => ({ rows: await rowsOf(), blobs: await storedBlobs(), incoming: incoming().length });

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 30, contacts: 0 }, env: { EVIDENCE_MAX_MB: String(MAX_BYTES / 1024 / 1024) } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  const fb = await recordFeedback(hub, t.agent!, {
    branchId: ids.branch.SH!,
    categoryId: ids.category.CREDIT_CARD!,
    text: '信用卡还款页面报错',
  });
  const p = await problemInConsultation(hub, t, ids, [fb]);
  const done = await conclude(
    hub,
    t.coordinator!,
    p,
    [{ branchId: ids.branch.SH! }, { branchId: ids.branch.BJ! }],
    new Date(Date.now() + 20 * 86_400_000),
  );
  problemId = done.id;
  shAction = done.actions.find((a) => a.branch?.code === 'SH')!.id;
  bjAction = done.actions.find((a) => a.branch?.code === 'BJ')!.id;
});
afterAll(async () => {
  await hub?.stop();
});

describe('allowed types, decided from the content', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, string][] = [
    ['现场照片.png', () => PNG, 'image/png'],
    ['photo.jpeg', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]), 'image/jpeg'],
    ['anim.gif', () => Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 2)]), 'image/gif'],
    ['pic.webp', () => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(64, 3)]), 'image/webp'],
    ['签字表.pdf', () => Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n'), 'application/pdf'],
    [
      'notice.docx',
      () => ooxml('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['sheet.xlsx', realXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [
      'slides.pptx',
      () => ooxml('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['old.doc', () => compound('WordDocument'), 'application/msword'],
    ['old.xls', () => compound('Workbook'), 'application/vnd.ms-excel'],
    ['说明.txt', () => Buffer.from('整改完成，已张贴告示。\r\nDone.\n'), 'text/plain; charset=utf-8'],
    // The name says nothing: a PNG called .pdf is a PNG.
    ['misnamed.pdf', () => Buffer.concat([PNG, Buffer.from('x')]), 'image/png'],
  ];
  for (const [name, make, type] of cases)
    it(`${name} → ${type}`, async () => {
      const data = await make();
      const r = await upload(t['bm.sh']!, 'ACTION', shAction, name, data);
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      expect(r.json.evidence).toMatchObject({ fileName: name, contentType: type, size: data.length });
      expect(r.json.evidence.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    });
});

describe('refused by content, and nothing stored', () => {
  const cases: [string, () => Promise<Buffer> | Buffer][] = [
    ['renamed executable (MZ/PE as .jpg)', windowsExecutable],
    ['ELF binary as .png', () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)])],
    ['a plain ZIP as .docx', () => zipOf([['a.txt', 'hello']])],
    ['a macro-enabled Word document', () => ooxml('application/vnd.ms-word.document.macroEnabled.main+xml')],
    ['a compound file with VBA macros', () => compound('WordDocument\0_VBA_PROJECT')],
    ['an installer (compound file, neither Word nor Excel)', () => compound('SummaryInformation')],
    ['text that is not UTF-8', () => Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac])],
    ['an empty file', () => Buffer.alloc(0)],
  ];
  for (const [what, make] of cases)
    it(what, async () => {
      const before = await state();
      const r = await upload(t['bm.sh']!, 'ACTION', shAction, 'photo.jpg', await make());
      expect(r.status, JSON.stringify(r.json)).toBe(415);
      expect(r.json.error.code).toBe('BAD_USER_INPUT');
      expect(await state()).toEqual(before);
    });
});

describe('names', () => {
  for (const name of ['../../etc/passwd', 'dir/photo.png', 'C:\\photo.png', 'nel\u0085.png', 'photo\u202Egnp.exe', '..'])
    it(`refuses ${JSON.stringify(name)}`, async () => {
      const before = await state();
      const r = await upload(t['bm.sh']!, 'ACTION', shAction, name, PNG);
      expect(r.status).toBe(400);
      expect(r.json.error, JSON.stringify(r.json)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });
      expect(await state()).toEqual(before);
    });
});

describe('size and cut-off uploads', () => {
  it('an upload over EVIDENCE_MAX_MB answers 413 and stores nothing', async () => {
    const before = await state();
    const r = await upload(t['bm.sh']!, 'ACTION', shAction, 'big.png', Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]));
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('BAD_USER_INPUT');
    expect(await state()).toEqual(before);
  });

  it('a file of exactly the limit is accepted', async () => {
    const r = await upload(t['bm.sh']!, 'ACTION', shAction, 'limit.png', Buffer.concat([PNG, Buffer.alloc(MAX_BYTES - PNG.length, 7)]));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
  });

  it('an upload the client cuts off half-way leaves no row, no bytes and no spooled file', async () => {
    const before = await state();
    const { body, contentType } = multipart('cut.png', Buffer.concat([PNG, Buffer.alloc(200 * 1024, 9)]));
    const url = new URL(`${base()}/files?parentKind=ACTION&parentId=${shAction}`);
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${t['bm.sh']}\r\n` +
        `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const half = Math.floor(body.length / 2);
    socket.write(body.subarray(0, half));
    // The server is receiving: the partial upload sits in the incoming directory.
    for (let i = 0; i < 200 && incoming().length === before.incoming; i++) await new Promise((r) => setTimeout(r, 25));
    const spooled = incoming();
    expect(spooled.length).toBe(before.incoming + 1);
    const partial = fs.statSync(path.join(hub.app.services.evidence.storage.incomingDir, spooled[0]!)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(body.length);
    let answered = '';
    socket.on('data', (d) => (answered += d.toString()));
    socket.destroy();
    for (let i = 0; i < 200 && incoming().length > before.incoming; i++) await new Promise((r) => setTimeout(r, 25));
    expect(answered).toBe('');
    expect(await state()).toEqual(before);
    // The hub still serves uploads afterwards.
    expect((await upload(t['bm.sh']!, 'ACTION', shAction, 'after.png', PNG)).status).toBe(201);
  });
});

describe('refused uploads are audited', () => {
  /** The uploadEvidence rows written after `seq`, with the refused request's facts unpacked. */
  const auditedUploads = async (after: number) =>
    (
      await hub.db.all<{ seq: number; actor_id: string | null; outcome: string; detail: string }>(
        "SELECT seq, actor_id, outcome, detail FROM audit_log WHERE operation = 'uploadEvidence' AND seq > ? ORDER BY seq",
        after,
      )
    ).map((r) => {
      const detail = JSON.parse(r.detail) as { code?: string; input?: string };
      return { actor: r.actor_id, outcome: r.outcome, code: detail.code, facts: detail.input ? JSON.parse(detail.input) : detail };
    });
  const lastSeq = async () => Number((await hub.db.get<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM audit_log'))!.n);

  it('each refusal is a REFUSED row naming who, the parent, the file as far as it was read, and the reason; the file is stored nowhere', async () => {
    const before = await lastSeq();
    const stored = await state();
    const exe = await windowsExecutable();
    expect((await upload(t['bm.sh']!, 'ACTION', shAction, 'photo.jpg', exe)).status).toBe(415);
    expect((await upload(t['bm.sh']!, 'ACTION', shAction, '../../etc/passwd', PNG)).status).toBe(400);
    expect((await upload(t['bm.sh']!, 'ACTION', shAction, 'big.png', Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]))).status).toBe(413);
    expect((await upload(t['bm.bj']!, 'ACTION', shAction, 'x.png', PNG)).status).toBe(404);
    expect((await upload(t['bm.sh']!, 'ACTION', shAction, 'fine.png', PNG)).status).toBe(201);
    const rows = await auditedUploads(before);
    expect(rows.map((r) => [r.actor, r.outcome, r.code])).toEqual([
      [ids.user['bm.sh'], 'REFUSED', 'BAD_USER_INPUT'],
      [ids.user['bm.sh'], 'REFUSED', 'BAD_USER_INPUT'],
      [ids.user['bm.sh'], 'REFUSED', 'BAD_USER_INPUT'],
      [ids.user['bm.bj'], 'REFUSED', 'NOT_FOUND'],
      [ids.user['bm.sh'], 'OK', undefined],
    ]);
    // The type refused by content: the name, size and hash of what was sent, and why.
    expect(rows[0]!.facts).toMatchObject({
      parentKind: 'ACTION',
      parentId: shAction,
      fileName: 'photo.jpg',
      size: exe.length,
      sha256: createHash('sha256').update(exe).digest('hex'),
    });
    expect(rows[0]!.facts.reason).toMatch(/type|allowed/i);
    expect(rows[1]!.facts).toMatchObject({ parentId: shAction });
    expect(rows[1]!.facts.reason).toMatch(/path|name/i);
    expect(rows[2]!.facts.reason).toMatch(/MB|large|limit/i);
    expect(rows[3]!.facts).toMatchObject({ parentKind: 'ACTION', parentId: shAction });
    expect((await state()).rows).toBe(stored.rows + 1);
  });

  it('an upload cut off half-way is audited as refused, once the hub has let it go', async () => {
    const before = await lastSeq();
    const { body, contentType } = multipart('cut.png', Buffer.concat([PNG, Buffer.alloc(200 * 1024, 9)]));
    const url = new URL(`${base()}/files?parentKind=ACTION&parentId=${shAction}`);
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const spooledBefore = incoming().length;
    socket.write(
      `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${t['bm.sh']}\r\n` +
        `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.subarray(0, Math.floor(body.length / 2)));
    for (let i = 0; i < 200 && incoming().length === spooledBefore; i++) await new Promise((r) => setTimeout(r, 25));
    expect(incoming().length).toBe(spooledBefore + 1);
    socket.destroy();
    let rows = await auditedUploads(before);
    for (let i = 0; i < 200 && !rows.length; i++) {
      await new Promise((r) => setTimeout(r, 25));
      rows = await auditedUploads(before);
    }
    expect(rows.map((r) => [r.actor, r.outcome, r.code])).toEqual([[ids.user['bm.sh'], 'REFUSED', 'BAD_USER_INPUT']]);
    expect(rows[0]!.facts).toMatchObject({ parentKind: 'ACTION', parentId: shAction });
    expect(rows[0]!.facts.reason).toMatch(/cut off/);
  });
});

describe('who may attach, see and download', () => {
  it('a branch manager gets NOT_FOUND for another branch’s action and its files, and may not attach to the problem', async () => {
    const r = await upload(t['bm.sh']!, 'ACTION', shAction, '照片 1.png', PNG);
    expect(r.status).toBe(201);
    const id = r.json.evidence.id as string;
    const refusedUpload = await upload(t['bm.bj']!, 'ACTION', shAction, 'x.png', PNG);
    expect([refusedUpload.status, refusedUpload.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const other = await download(t['bm.bj']!, id);
    expect(other.status).toBe(404);
    expect(((await other.json()) as any).error.code).toBe('NOT_FOUND');
    expect((await upload(t['bm.sh']!, 'PROBLEM', problemId, 'x.png', PNG)).status).toBe(403);
    expect((await upload(t['bm.sh']!, 'ACTION', bjAction, 'x.png', PNG)).status).toBe(404);
    expect((await upload(t['expert.it']!, 'ACTION', shAction, 'x.png', PNG)).status).toBe(403);
    const anonymous = await fetch(`${base()}/files/${id}`);
    expect(anonymous.status).toBe(401);
    // bm.bj sees the problem (its BJ row) but neither the SH row's files nor the row.
    const seen = ok(
      await hub.gql(t['bm.bj']!, `query($id: ID!) { problem(id: $id) { actions { id evidenceFiles { id } } } }`, { id: problemId }),
    );
    expect(seen.problem.actions.map((a: any) => a.id)).toEqual([bjAction]);
  });

  it('downloads as an attachment (RFC 5987 name), never sniffed, each one audited', async () => {
    const r = await upload(t['bm.sh']!, 'ACTION', shAction, '现场 照片.png', PNG);
    const id = r.json.evidence.id as string;
    const auditsBefore = (await hub.db.all("SELECT seq FROM audit_log WHERE operation = 'downloadEvidence'")).length;
    for (const who of ['bm.sh', 'coordinator']) {
      const res = await download(t[who]!, id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="__ __.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.png`,
      );
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    const rows = await hub.db.all<{ actor_id: string; detail: string }>(
      "SELECT actor_id, detail FROM audit_log WHERE operation = 'downloadEvidence' ORDER BY seq",
    );
    expect(rows.length - auditsBefore).toBe(2);
    expect(rows.at(-1)!.detail).toContain(id);
    expect(rows.at(-1)!.actor_id).toBe(ids.user.coordinator);
    const uploads = await hub.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE operation = 'uploadEvidence' AND outcome = 'OK'",
    );
    expect(uploads.some((u) => u.detail.includes('现场 照片.png'))).toBe(true);
  });

  it('lists on the action, the problem, the diagnosis and the opinion, with the history line', async () => {
    expect((await upload(t.analyst!, 'PROBLEM', problemId, '告示.pdf', Buffer.from('%PDF-1.4\n%%EOF'))).status).toBe(201);
    expect((await upload(t.analyst!, 'DIAGNOSIS', problemId, '初诊.txt', Buffer.from('初诊附件'))).status).toBe(201);
    expect((await upload(t['expert.card']!, 'OPINION', problemId, '意见.txt', Buffer.from('会诊附件'))).status).toBe(201);
    // Only the expert who gave the opinion attaches to it; expert.it gave none.
    expect((await upload(t['expert.it']!, 'OPINION', problemId, '意见.txt', Buffer.from('x'))).status).toBe(409);
    const data = ok(
      await hub.gql(
        t.coordinator!,
        `query($id: ID!) { problem(id: $id) {
          evidenceFiles { fileName contentType uploadedBy { username } downloadUrl isImage }
          diagnosis { evidenceFiles { fileName } }
          consultation { opinions { evidenceFiles { fileName } } }
          actions { id evidenceFiles { id fileName isImage } }
          history { type note actor { username } }
        } }`,
        { id: problemId },
      ),
    ).problem;
    expect(data.evidenceFiles).toEqual([
      {
        fileName: '告示.pdf',
        contentType: 'application/pdf',
        uploadedBy: { username: 'analyst' },
        downloadUrl: expect.stringMatching(/^\/files\/evd_/),
        isImage: false,
      },
    ]);
    expect(data.diagnosis.evidenceFiles).toEqual([{ fileName: '初诊.txt' }]);
    expect(data.consultation.opinions[0].evidenceFiles).toEqual([{ fileName: '意见.txt' }]);
    expect(data.actions.find((a: any) => a.id === shAction).evidenceFiles.length).toBeGreaterThan(3);
    expect(data.history).toContainEqual({ type: 'EVIDENCE_ADDED', note: '告示.pdf', actor: { username: 'analyst' } });
  });

  it('removeEvidence: the uploader or the coordinator, with a reason; the file leaves the list and downloads no more', async () => {
    const r = await upload(t['bm.sh']!, 'ACTION', shAction, 'wrong.png', PNG);
    const id = r.json.evidence.id as string;
    const M = `mutation($i: RemoveEvidenceInput!) { removeEvidence(input: $i) { id fileName } }`;
    expect(codeOf(await hub.gql(t.analyst!, M, { i: { evidenceId: id, reason: '误传' } }))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(t['bm.bj']!, M, { i: { evidenceId: id, reason: '误传' } }))).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(t['bm.sh']!, M, { i: { evidenceId: id, reason: '  ' } }))).toBe('BAD_USER_INPUT');
    ok(await hub.gql(t.coordinator!, M, { i: { evidenceId: id, reason: '传错了照片' } }));
    expect(codeOf(await hub.gql(t['bm.sh']!, M, { i: { evidenceId: id, reason: '再删' } }))).toBe('NOT_FOUND');
    expect((await download(t['bm.sh']!, id)).status).toBe(404);
    const row = await hub.db.get<{ removed_reason: string }>('SELECT removed_reason FROM evidence_files WHERE id = ?', id);
    expect(row!.removed_reason).toBe('传错了照片');
    const history = ok(await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { history { type note } } }`, { id: problemId }))
      .problem.history;
    expect(history).toContainEqual({ type: 'EVIDENCE_REMOVED', note: 'wrong.png: 传错了照片' });
  });

  it("the linkage table's XLSX lists each row's files and the problem's, within the viewer's scope", async () => {
    const sheetOf = async (who: string) => {
      const res = await fetch(`${base()}/exports/problems/${problemId}/linkage.xlsx`, { headers: { authorization: `Bearer ${t[who]}` } });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[]).map((v) => String(v ?? ''))));
      return cells.join('\n');
    };
    const sha = createHash('sha256').update(PNG).digest('hex').slice(0, 12);
    const all = await sheetOf('coordinator');
    expect(all).toContain('佐证文件');
    expect(all).toMatch(new RegExp(`现场照片\\.png（1 KB，[^）]+SHA-256 ${sha}）`));
    expect(all).toContain('告示.pdf');
    const bj = await sheetOf('bm.bj');
    expect(bj).not.toContain('现场照片.png');
  });
});
