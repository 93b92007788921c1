import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildZip, type Deflated, minimalDocx, minimalXlsx, zerosDeflated } from '../../../test/helpers/zip';
import { AppError } from '../../core/errors';
import { checkArchive } from './archive-check';

// THE archive check on in-memory archives: what the directory declares is what inflating yields, or the
// archive is refused — the large-entry (streamed) path and the shared budget included.

async function refusal(zip: Buffer, limits?: { maxTotalUncompressed: number }): Promise<string> {
  try {
    await checkArchive(zip, limits);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

const MB = 1_048_576;
const zeros16 = zerosDeflated(16 * MB); // about 16 KB
const zeros128 = zerosDeflated(128 * MB); // about 130 KB
const lying = (deflated: Deflated, declaredSize: number) => ({ name: 'big.bin', deflated, declaredSize });

describe('checkArchive', () => {
  it('passes sound documents, a chart workbook embedded in a DOCX, and a large entry inflated as a stream', async () => {
    expect(await checkArchive(minimalDocx())).toContain('word/document.xml');
    const chart = minimalDocx([
      { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: minimalXlsx() },
    ]);
    expect(await checkArchive(chart)).toContain('word/embeddings/Microsoft_Excel_Worksheet.xlsx');
    const noise = randomBytes(9 * MB); // incompressible: over the in-memory size, so streamed
    const fast: Deflated = { data: deflateRawSync(noise, { level: 1 }), size: noise.length, crc: 0 };
    const large = minimalDocx([{ name: 'word/media/noise.bin', deflated: fast }]);
    expect(await checkArchive(large)).toContain('word/media/noise.bin');
  });

  it('stops an entry that inflates past its claim, in memory and streamed', async () => {
    expect(await refusal(minimalDocx([lying(zeros16, 4096)]))).toMatch(
      /实际解压后超过其声明的大小.*：big\.bin/,
    );
    // 128 MB of zeros claiming 9 MB: a ratio the directory accepts, an entry too big to hold, stopped streaming
    const streamed = buildZip([lying(zeros128, 9 * MB)]);
    expect(await refusal(streamed)).toMatch('实际解压后超过其声明的大小');
  });

  it('refuses entries that yield less than they claim, or cannot be inflated', async () => {
    const short = { name: 'n.bin', data: randomBytes(100_000), deflate: true, declaredSize: 200_000 };
    expect(await refusal(minimalDocx([short]))).toMatch('大小与声明不符');
    const stored = buildZip([{ name: 'a.txt', data: 'abc', declaredSize: 4 }]);
    expect(await refusal(stored)).toMatch('大小与声明不符');
    const garbage = { data: Buffer.from([0xff, 0xff, 0xff, 0xff]), size: 10, crc: 0 };
    expect(await refusal(buildZip([{ name: 'x.xml', deflated: garbage }]))).toMatch('已损坏');
  });

  it('refuses nested archives, packages two deep, and embedded packages over the shared budget', async () => {
    const inner = buildZip([{ name: 'a.txt', data: 'a' }]);
    expect(await refusal(minimalDocx([{ name: 'word/media/x.zip', data: inner }]))).toMatch('嵌套的压缩包');
    const twoDeep = minimalDocx([
      {
        name: 'word/embeddings/a.xlsx',
        data: minimalXlsx([{ name: 'xl/embeddings/b.xlsx', data: minimalXlsx() }]),
      },
    ]);
    expect(await refusal(twoDeep)).toMatch(/嵌入文件 word\/embeddings\/a\.xlsx：.*嵌套的压缩包/);
    const workbook = minimalXlsx([{ name: 'xl/media/noise.bin', data: randomBytes(600_000), deflate: true }]);
    const many = minimalDocx(
      Array.from({ length: 4 }, (_, i) => ({ name: `word/embeddings/w${i}.xlsx`, data: workbook })),
    );
    expect(await checkArchive(many)).toHaveLength(7);
    expect(await refusal(many, { maxTotalUncompressed: 4 * MB })).toMatch('含嵌入文件');
  });

  it('refuses an entry whose local header names another file', async () => {
    const twoFaced = minimalDocx([{ name: 'word/media/a.png', localName: '../../evil.sh', data: 'x' }]);
    expect(await refusal(twoFaced)).toMatch('不一致');
  });
});
