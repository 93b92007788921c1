import { describe, expect, it } from 'vitest';
import {
  buildZip,
  centralHeader,
  endOfCentralDirectory,
  zipWithDeclaredEntries,
} from '../../../test/helpers/zip';
import { AppError } from '../../core/errors';
import { readCentralDirectory, readEndOfCentralDirectory } from './zip-directory';

// Reads a whole in-memory archive the way inspect.ts reads a file: tail first, then the directory.
function inspect(zip: Buffer) {
  const eocd = readEndOfCentralDirectory(zip, 0);
  return readCentralDirectory(zip.subarray(eocd.offset, eocd.offset + eocd.size), eocd, zip.length);
}

function refusal(zip: Buffer): string {
  try {
    inspect(zip);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

const fiveEntries = (declaredSize: number) =>
  Array.from({ length: 5 }, (_, i) => ({
    name: `part${i}.bin`,
    data: Buffer.alloc(1_048_576, i),
    declaredSize,
  }));

describe('ZIP central directory checks', () => {
  it('lists the entries of a sound archive, with a comment that contains an EOCD signature', () => {
    const zip = buildZip(
      [
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: 'x'.repeat(5000), deflate: true },
      ],
      'PK\u0005\u0006 looks like an EOCD',
    );
    expect(inspect(zip).names).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });

  it.each([
    ['a ../ entry', [{ name: 'word/../../evil.sh', data: 'x' }], /上级目录/],
    ['an absolute path', [{ name: '/etc/cron.d/x', data: 'x' }], /绝对路径/],
    ['a drive letter', [{ name: 'C:/x', data: 'x' }], /绝对路径/],
    ['a backslash', [{ name: 'a\\b', data: 'x' }], /反斜杠/],
    ['a symlink', [{ name: 'link', data: '/etc/passwd', symlink: true }], /符号链接/],
    ['1 GB declared', [{ name: 'zeros', data: '0', declaredSize: 1_073_741_824 }], /压缩炸弹/],
    ['250 MB in all at 50:1', fiveEntries(50 * 1_048_576), /200 MB/],
    ['a 150:1 entry', [{ name: 'zeros', data: 'x'.repeat(20_000), declaredSize: 3_000_000 }], /压缩比/],
  ])('refuses %s', (_label, entries, message) => {
    expect(refusal(buildZip(entries))).toMatch(message);
  });

  it('refuses more than 10,000 entries, and Zip64 (how 100,001 entries must be declared)', () => {
    expect(refusal(zipWithDeclaredEntries(10_001))).toMatch(/条目过多（10001 个/);
    expect(refusal(zipWithDeclaredEntries(100_001))).toMatch(/Zip64/);
    expect(inspect(zipWithDeclaredEntries(10_000)).names).toHaveLength(10_000);
  });

  it('refuses a directory holding more records than the EOCD declares, and a missing EOCD', () => {
    const records = Buffer.concat([centralHeader('a', {}), centralHeader('b', {})]);
    const lying = Buffer.concat([
      Buffer.from('PK\u0003\u0004'),
      records,
      endOfCentralDirectory(1, records.length, 4),
    ]);
    expect(refusal(lying)).toMatch(/条目数与中央目录不符/);
    expect(refusal(Buffer.from('PK\u0003\u0004 not really a zip at all, no directory'))).toMatch(
      /找不到中央目录/,
    );
  });
});

describe('overlapping entries', () => {
  it('refuses a directory whose entries claim more compressed bytes than the archive holds', () => {
    const data = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(996)]);
    const records = Buffer.concat(
      Array.from({ length: 3 }, (_, i) => centralHeader(`e${i}`, { method: 8, compressed: 900, size: 900 })),
    );
    const zip = Buffer.concat([data, records, endOfCentralDirectory(3, records.length, data.length)]);
    expect(refusal(zip)).toMatch(/重叠/);
  });
});
