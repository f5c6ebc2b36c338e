import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Content scripts injected into CRM pages, gzipped together, must stay under this. */
export const CONTENT_SCRIPTS_BUDGET_BYTES = 10 * 1024;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Every built file, raw and gzipped (level 9, deterministic), largest first. */
export async function measureSizes(extensionDir) {
  const files = [];
  for await (const path of walk(extensionDir)) {
    const bytes = await readFile(path);
    files.push({ file: relative(extensionDir, path).split(sep).join('/'), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const content = files.filter((f) => f.file.startsWith('content-scripts/') && f.file.endsWith('.js'));
  return {
    files,
    contentScripts: {
      files: content.map((f) => f.file),
      raw: content.reduce((a, f) => a + f.raw, 0),
      gzip: content.reduce((a, f) => a + f.gzip, 0),
      budget: CONTENT_SCRIPTS_BUDGET_BYTES,
    },
  };
}
