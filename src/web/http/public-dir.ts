import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's `public/` folder (styles, scripts, fonts served under /static/). Found by walking up
 * from this module, because the module runs from two depths: src/web/http/ through tsx in development
 * and tests, and dist/ in the production build (`npm run build`), where it is bundled into one file.
 */
export function findPublicDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    const candidate = path.join(dir, 'public');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`找不到 public 目录（从 ${from} 向上查找）`);
    dir = parent;
  }
}
