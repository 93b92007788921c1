import { extractText, type SourceFormat } from '../../src/modules/compliance';
import { type Figure, log, median, since } from '../lib/figure';
import { generateCorpus, seededRandom } from '../search/corpus';
import { makeDocx, makePdf, makeXlsx, type Roster } from './files';

// Document import (compliance/extract: the text of Word, Excel and PDF attachments, read by the
// publication check, the inspection and `gongkai scan`): files per second and input MB/s per format, on
// one core, over generated files — a notice's paragraphs plus a 名单 table of 20 people (Word, PDF), or a
// 名单 of 200 rows (Excel). The first file of each format is timed apart: it loads the parser.

type Format = Extract<SourceFormat, 'docx' | 'xlsx' | 'pdf'>;

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '德胜小红志明建国秀英丽华文军海燕玉兰春梅国强桂芳';

function roster(seed: number, rows: number): Roster {
  const rnd = seededRandom(seed);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)] ?? '';
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  return {
    header: ['序号', '姓名', '身份证号码', '联系电话', '家庭住址'],
    rows: Array.from({ length: rows }, (_, i) => [
      String(i + 1),
      `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
      `330106${1950 + Math.floor(rnd() * 50)}0${1 + Math.floor(rnd() * 9)}1${digits(4)}X`,
      `13${digits(9)}`,
      `西湖区留下街道东岳村${1 + Math.floor(rnd() * 9)}组${1 + Math.floor(rnd() * 90)}号`,
    ]),
  };
}

async function makeFiles(format: Format, count: number): Promise<Buffer[]> {
  const docs = generateCorpus(count, { seed: 4242 });
  return Promise.all(
    docs.map((d, i) => {
      const paragraphs = d.text.split('\n').filter((p) => p.length > 0);
      if (format === 'xlsx') return makeXlsx(roster(i, 200));
      if (format === 'docx') return makeDocx(d.title, paragraphs, roster(i, 20));
      return Promise.resolve(makePdf(d.title, paragraphs, roster(i, 20)));
    }),
  );
}

async function benchFormat(format: Format, count: number): Promise<Figure[]> {
  const files = await makeFiles(format, count + 1);
  const bytes = files.slice(1).reduce((n, f) => n + f.length, 0);
  const coldStart = performance.now();
  await extractText(files[0] as Buffer, format);
  const coldMs = since(coldStart);
  const perFile: number[] = [];
  let chars = 0;
  const start = performance.now();
  for (const f of files.slice(1)) {
    const t = performance.now();
    chars += (await extractText(f, format)).text.length;
    perFile.push(since(t));
  }
  const seconds = since(start) / 1000;
  log(`import: ${format} ${count} files in ${seconds.toFixed(1)} s`);
  const label = format.toUpperCase();
  const note = `${count} files, ${(bytes / count / 1024).toFixed(0)} KB and ${Math.round(chars / count).toLocaleString('en-US')} characters each on average; median ${median(perFile).toFixed(1)} ms per file`;
  return [
    {
      bench: 'import',
      name: `${label} text extraction`,
      value: count / seconds,
      unit: 'files/s',
      trend: `import ${label}`,
      note,
    },
    {
      bench: 'import',
      name: `${label} text extraction`,
      value: bytes / 1e6 / seconds,
      unit: 'MB/s',
      digits: 2,
    },
    { bench: 'import', name: `${label} first file (loads the parser)`, value: coldMs, unit: 'ms' },
  ];
}

export async function benchImport(options: { files: number }): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const format of ['docx', 'xlsx', 'pdf'] as const)
    out.push(...(await benchFormat(format, options.files)));
  return out;
}
