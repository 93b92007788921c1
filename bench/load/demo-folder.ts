import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDemoContent } from '../../src/app/demo-content';
import { buildContext } from '../../src/app/deps';
import { loadConfig } from '../../src/config/config';
import { storageRoot } from '../../src/modules/attachments/storage';
import { seedPublishedItems } from '../lib/site';

// A fresh copy of a data folder holding the demo district and the seeded documents of security.md's test
// plan ("10,000 documents"; bench/lib/site.ts writes them, published, over the demo agencies' columns).
// Loading the demo content on first start can outlast startDemoServer's 40 s on a busy machine, so it is
// loaded once, here, as `gongkai serve` would, into a cached folder (GONGKAI_BENCH_CACHE, default under
// /tmp), and each run gets a copy. The seeded items are not in the search index: the search rows run on
// a corpus of their own (search-corpus.ts).

const VERSION = 'v2'; // bump when what the folder holds changes
export const SEEDED_ITEMS = 10_000;

/**
 * Migrates and loads the demo content into dir, as `gongkai serve` does on an empty folder, then writes
 * `items` more published items.
 */
export async function seedDemoFolder(dir: string, items = 0): Promise<void> {
  const config = loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_DEMO: '1', NODE_ENV: 'development' });
  const ctx = await buildContext(config);
  try {
    await loadDemoContent(ctx);
    await seedPublishedItems(ctx.db, storageRoot(config), items, [], ctx.clock.now());
  } finally {
    await ctx.db.destroy();
  }
}

/** A new temporary folder with the demo district in it; the caller removes it. */
export async function freshDemoFolder(): Promise<string> {
  const root = process.env.GONGKAI_BENCH_CACHE ?? path.join(tmpdir(), 'gongkai-bench-cache');
  const cached = path.join(root, `demo-${VERSION}`);
  if (!existsSync(path.join(cached, 'complete'))) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    await seedDemoFolder(cached, SEEDED_ITEMS);
    writeFileSync(path.join(cached, 'complete'), new Date().toISOString());
  }
  const copy = mkdtempSync(path.join(tmpdir(), 'gk-load-'));
  cpSync(cached, copy, { recursive: true });
  return copy;
}
