import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A project folder laid out as an installed release (the build, the package files, public/). */
export function fakeRelease(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gk-release-'));
  mkdirSync(path.join(root, 'dist'));
  mkdirSync(path.join(root, 'public'));
  writeFileSync(path.join(root, 'dist/gongkai.js'), 'console.log("公开");\n');
  writeFileSync(path.join(root, 'package.json'), '{"name":"gongkai"}\n');
  writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
  writeFileSync(path.join(root, 'public/site.css'), 'body { color: #222 }\n');
  return root;
}
