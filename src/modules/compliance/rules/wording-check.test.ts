import { describe, expect, it } from 'vitest';
import { STARTER_OFFICIAL_NAMES } from './official-names';
import { STARTER_ALLOWED, STARTER_WORDING_RULES, starterRule } from './starter-rules';
import { checkWordingWith, type RuleSet } from './wording-check';

const starter: RuleSet = {
  rules: [...STARTER_WORDING_RULES, ...STARTER_OFFICIAL_NAMES],
  allowed: STARTER_ALLOWED.map((a) => a.phrase),
  agencyNames: ['示范区市场监督管理局'],
};
const check = (text: string, on = '2026-03-02', set = starter) => checkWordingWith(set, text, on);
const brief = (text: string, on?: string) =>
  check(text, on).map((f) => [f.text, f.suggestion ?? null, f.type, f.severity]);

describe('the starter set', () => {
  it.each([
    ['中华人民共合国成立', '中华人民共合国', '中华人民共和国', 'wrong_right', 'veto'],
    ['区攻府办公室', '攻府', '政府', 'wrong_right', 'veto'],
    ['扫黑险恶专项斗争', '扫黑险恶', '扫黑除恶', 'wrong_right', 'veto'],
    ['湖北省张家界', '湖北省张家界', '湖南省张家界市', 'wrong_right', 'ordinary'],
  ])('flags %s', (text, hit, suggestion, type, severity) => {
    expect(brief(text)).toContainEqual([hit, suggestion, type, severity]);
  });

  it('cites a source and a basis for every rule', () => {
    for (const r of starter.rules) {
      expect(r.source, r.id).not.toBe('');
      expect(r.basis, r.id).not.toBe('');
    }
  });

  it('finds nothing in correct text', () => {
    expect(check('中华人民共和国国务院办公厅、齐齐哈尔市人民政府和示范区市场监督管理局联合发文。')).toEqual(
      [],
    );
  });
});

describe('near misses of official names', () => {
  it('suggests the canonical name for a dropped character and for a similar character', () => {
    expect(brief('黑龙江省齐齐哈市')).toContainEqual(['齐齐哈市', '齐齐哈尔市', 'wrong_right', 'ordinary']);
    const [finding] = check('最高人民检查院');
    expect(finding).toMatchObject({ type: 'official_name', suggestion: '最高人民检察院', severity: 'veto' });
    expect(finding?.explanation).toContain('“察”误作“查”（音近）');
  });

  it('includes the district agencies named at check time', () => {
    expect(brief('示范区市场临督管理局')).toEqual([
      ['示范区市场临督管理局', '示范区市场监督管理局', 'official_name', 'veto'],
    ]);
  });

  it('reports a homophone of a leader name added by the district', () => {
    const set: RuleSet = {
      rules: [
        starterRule({
          type: 'official_name',
          term: '杜家毫',
          suggestion: '杜家毫',
          severity: 'veto',
          explanation: '领导人姓名',
          basis: 'b',
          source: 's',
        }),
      ],
      allowed: [],
      agencyNames: [],
    };
    expect(check('杜家豪同志', undefined, set).map((f) => [f.text, f.suggestion])).toEqual([
      ['杜家豪', '杜家毫'],
    ]);
  });
});

describe('context rules', () => {
  it('flags 辞职 only next to a title', () => {
    expect(brief('市委书记辞职')).toContainEqual(['辞职', '致辞', 'context', 'ordinary']);
    expect(brief('他因个人原因辞职')).toEqual([]);
  });

  it('flags 制订 before a law but not before a plan', () => {
    expect(brief('制订法规')).toEqual([['制订', '制定', 'context', 'ordinary']]);
    expect(brief('制订工作方案')).toEqual([]);
  });
});

describe('validity dates', () => {
  it('does not flag an outdated name before its active-from date', () => {
    expect(brief('国土资源部发布', '2018-03-16')).toEqual([]);
    expect(brief('国土资源部发布', '2018-03-17')).toEqual([
      ['国土资源部', '自然资源部', 'outdated', 'ordinary'],
    ]);
  });

  it('does not report a near miss of a body before the body exists', () => {
    expect(check('生太环境部', '2017-12-31')).toEqual([]);
    expect(brief('生太环境部', '2019-01-01')).toEqual([
      ['生太环境部', '生态环境部', 'official_name', 'veto'],
    ]);
  });
});

describe('the allow-list', () => {
  it('suppresses hits inside an allowed phrase, by span', () => {
    expect(brief('选派大学生村官')).toEqual([]);
    expect(brief('村官和大学生村官')).toEqual([['村官', '村干部', 'outdated', 'ordinary']]);
  });
});

describe('overlapping findings', () => {
  it('reports every overlapping rule, sorted by start, and one finding per span', () => {
    const findings = check('最高人民检查院');
    expect(findings.map((f) => [f.start, f.end, f.text])).toEqual([
      [0, 7, '最高人民检查院'],
      [4, 7, '检查院'],
    ]);
    // 中华人民共合国 is both an explicit pair and a near miss of 中华人民共和国: reported once, as the pair.
    expect(check('中华人民共合国').map((f) => f.ruleId)).toEqual(['starter:wrong_right:中华人民共合国']);
  });
});
