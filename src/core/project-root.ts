import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed project's folder: the one holding package.json and public/. Found by walking up from
 * this module, because the module runs from two depths: src/core/ through tsx in development and
 * tests, and dist/ in the production build (`npm run build`), where it is bundled into one file.
 */
export function findProjectRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'public'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`找不到项目目录（从 ${from} 向上查找 package.json 和 public）`);
    dir = parent;
  }
}
