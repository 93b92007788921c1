import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen once shipped. Publishing: catalogue metadata, disclosure status at the source (公开属性),
// the review chain (三审) and its opinions, index-number sequences, the subject taxonomy (主题分类).

// The gov.cn two-level subject taxonomy (law-and-formats.md §3.3), seeded once; editable afterwards.
const taxonomy: [string, string[]][] = [
  [
    '国务院组织机构',
    [
      '国务院',
      '国务院办公厅',
      '国务院组成部门',
      '国务院直属特设机构',
      '国务院直属机构',
      '国务院办事机构',
      '国务院直属事业单位',
      '国务院部委管理的国家局',
      '国务院议事协调机构',
      '其他',
    ],
  ],
  [
    '综合政务',
    ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他'],
  ],
  [
    '国民经济管理、国有资产监管',
    ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他'],
  ],
  [
    '财政、金融、审计',
    ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他'],
  ],
  ['国土资源、能源', ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他']],
  ['农业、林业、水利', ['农业、畜牧业、渔业', '林业', '水利', '其他']],
  [
    '工业、交通',
    [
      '机械制造与重工业',
      '轻工纺织',
      '化工',
      '国防工业',
      '航天、航空',
      '信息产业（含电信）',
      '公路',
      '水运',
      '铁路',
      '民航',
      '邮政',
      '其他',
    ],
  ],
  ['商贸、海关、旅游', ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他']],
  ['市场监管、安全生产监管', ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他']],
  [
    '城乡建设、环境保护',
    [
      '城市规划',
      '城乡建设（含住房）',
      '环境监测、保护与治理',
      '节能与资源综合利用',
      '气象、水文、测绘、地震',
      '其他',
    ],
  ],
  ['科技、教育', ['科技', '教育', '知识产权', '其他']],
  ['文化、广电、新闻出版', ['文化', '文物', '新闻出版', '广播、电影、电视', '其他']],
  ['卫生、体育', ['卫生', '医药管理', '体育', '其他']],
  ['人口与计划生育、妇女儿童工作', ['人口与计划生育', '妇女儿童', '其他']],
  ['劳动、人事、监察', ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他']],
  ['公安、安全、司法', ['公安', '国家安全', '司法', '其他']],
  ['民政、扶贫、救灾', ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他']],
  ['民族、宗教', ['民族事务', '宗教事务']],
  ['对外事务', ['外交、外事', '国际条约、国际组织', '其他']],
  ['港澳台侨工作', ['港澳工作', '对台工作', '侨务工作']],
  ['国防', ['国防建设', '国防动员']],
  ['其他', []],
];

type Build = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
const itemColumns: [string, 'text' | 'integer', Build?][] = [
  ['doc_number', 'text'], // 文号
  ['issuer', 'text'], // 发文机关
  ['written_on', 'text'], // 成文日期 YYYY-MM-DD
  ['subject_id', 'text'], // 主题分类 (leaf)
  ['genre', 'text'], // 体裁
  ['disclosure', 'text'], // 公开属性: proactive | on_request | withheld
  ['disclosure_basis', 'text'],
  ['disclosure_reason', 'text'],
  ['disclosure_proposed_by', 'text'],
  ['disclosure_approved_by', 'text'],
  ['is_policy', 'integer', (c) => c.notNull().defaultTo(0)],
  ['index_number', 'text'], // 索引号, never reused
  ['review_step', 'integer'],
  ['review_round', 'integer', (c) => c.notNull().defaultTo(0)],
  ['scheduled_at', 'text'],
  ['withdrawn_at', 'text'],
  ['withdrawn_reason', 'text'],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subjects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('subjects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  for (const [i, [name, children]] of taxonomy.entries()) {
    const parent = `s${String(i + 1).padStart(2, '0')}`;
    await db.insertInto('subjects').values({ id: parent, parent_id: null, name, sort: i }).execute();
    for (const [j, child] of children.entries()) {
      const id = `${parent}-${String(j + 1).padStart(2, '0')}`;
      await db.insertInto('subjects').values({ id, parent_id: parent, name: child, sort: j }).execute();
    }
  }

  await db.schema
    .alterTable('agencies')
    .addColumn('index_template', 'text', (c) => c.notNull().defaultTo('{uscc}/{yyyy}-{seq:5}'))
    .execute();

  for (const [name, type, build] of itemColumns) {
    await db.schema
      .alterTable('items')
      .addColumn(name, type, build ?? ((c) => c))
      .execute();
  }
  await db.schema.createIndex('items_index_number').on('items').column('index_number').unique().execute();
  await db.schema.createIndex('items_scheduled').on('items').columns(['status', 'scheduled_at']).execute();

  await db.schema
    .createTable('review_chains')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('steps', 'text', (c) => c.notNull()) // JSON [{ role, label }]
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('review_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer')
    .addColumn('step_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('secrecy_checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_actions_item')
    .on('review_actions')
    .columns(['item_id', 'at'])
    .execute();

  await db.schema
    .createTable('index_sequences')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_sequences_pk', ['agency_id', 'period'])
    .execute();
}
