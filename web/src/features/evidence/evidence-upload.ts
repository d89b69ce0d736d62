/** What an upload answers: the file as the API shows it, or the contract's error. */
export type UploadResult =
  | { ok: true; evidence: { id: string; fileName: string; contentType: string; isImage: boolean; downloadUrl: string } }
  | { ok: false; status: number; code: string; field?: string; message: string };

/**
 * The parts of the loop a file can be attached to from the web app. A diagnosis and an opinion are
 * addressed by their problem's id (an expert attaches to their own opinion).
 */
export type EvidenceParentKind = 'ACTION' | 'PROBLEM' | 'DIAGNOSIS' | 'OPINION';

/**
 * Sends one file to `POST /files` as multipart/form-data with the session's token (the server
 * streams it, decides its type from the content and answers the Evidence, or an error code).
 */
export async function uploadEvidence(
  parent: { kind: EvidenceParentKind; id: string },
  file: File,
  token: string | null,
): Promise<UploadResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  try {
    const res = await fetch(`/files?parentKind=${parent.kind}&parentId=${encodeURIComponent(parent.id)}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body,
    });
    const json = (await res.json().catch(() => ({}))) as { evidence?: never; error?: { code?: string; field?: string; message?: string } };
    if (res.ok && json.evidence) return { ok: true, evidence: json.evidence };
    return {
      ok: false,
      status: res.status,
      code: json.error?.code ?? 'UNKNOWN',
      field: json.error?.field,
      message: json.error?.message ?? '',
    };
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: '' };
  }
}

/**
 * An image's bytes as a blob: URL, fetched with the token (an <img src> cannot send it); the
 * caller revokes it. The hub serves it inline only to an authorised viewer.
 */
export async function imageBlobUrl(downloadUrl: string, token: string | null): Promise<string | null> {
  const res = await fetch(`${downloadUrl}?inline=1`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) return null;
  return URL.createObjectURL(await res.blob());
}
