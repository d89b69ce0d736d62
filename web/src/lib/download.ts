/** Fetches a file the hub serves behind the sign-in (a plain link cannot send the bearer token). */
export async function fetchExport(url: string, token: string | null): Promise<{ status: number; blob?: Blob }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return res.ok ? { status: 200, blob: await res.blob() } : { status: res.status };
}

/** Hands a fetched file to the browser as a download. */
export function saveAs(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
