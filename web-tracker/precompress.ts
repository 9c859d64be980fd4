// A Vite plugin that writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside
// every built text file worth compressing, so the server sends compressed bytes without
// compressing per request (server/http/static-web.ts picks one by Accept-Encoding).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this a file fits in one packet anyway, and the encoding headers cost about what they save. */
export const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzip9 = promisify(gzip);

const ENCODINGS = {
  br: (data: Buffer) =>
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gz: (data: Buffer) => gzip9(data, { level: 9 }),
};

export function precompress(): Plugin {
  return {
    name: 'orderline:precompress',
    apply: 'build',
    async writeBundle({ dir }, bundle) {
      if (!dir) return;
      const files = Object.keys(bundle).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const data = await readFile(join(dir, file));
          if (data.length < MIN_BYTES) return;
          for (const [extension, compress] of Object.entries(ENCODINGS)) {
            const compressed = await compress(data);
            if (compressed.length < data.length) await writeFile(join(dir, `${file}.${extension}`), compressed);
          }
        }),
      );
    },
  };
}
