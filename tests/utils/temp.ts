import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the system temp dir, for a real SQLite file. */
export function tempDir(prefix = 'voc-hub-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
