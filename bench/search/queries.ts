// The fixed query set: the commonest terms (the slowest for any index), short and long terms,
// numbers and Latin, AND queries, a traditional-character query and a query with no hits.

export interface BenchQuery {
  q: string;
  kind: string;
}

export const benchQueries: BenchQuery[] = [
  { q: '的', kind: '1 char, in ~every item' },
  { q: '税', kind: '1 char' },
  { q: '法', kind: '1 char' },
  { q: '工作', kind: '2 chars, commonest' },
  { q: '通知', kind: '2 chars, commonest' },
  { q: '政府', kind: '2 chars, commonest' },
  { q: '交易', kind: '2 chars' },
  { q: '自建', kind: '2 chars' },
  { q: '预算', kind: '2 chars' },
  { q: '资源交易', kind: '3–6 chars' },
  { q: '营商环境', kind: '3–6 chars' },
  { q: '自建房', kind: '3–6 chars' },
  { q: '减税降费', kind: '3–6 chars' },
  { q: '政府信息公开', kind: '3–6 chars, common' },
  { q: '2024', kind: 'number' },
  { q: 'GB/T', kind: 'Latin + symbol' },
  { q: '資源交易', kind: 'traditional' },
  { q: '乡村振兴 高标准农田', kind: 'AND, long + long' },
  { q: 'ISO 9001', kind: 'AND, long + long' },
  { q: '资源交易 2023', kind: 'AND, long + long' },
  { q: '税 优惠', kind: 'AND, short + short' },
  { q: '安全 隐患排查', kind: 'AND, short + long (mixed)' },
  { q: '量子纠缠计算', kind: 'no hit' },
];
