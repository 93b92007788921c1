import { describe, expect, it } from 'vitest';
import { localPath } from './local-path';

describe('localPath (open-redirect guard)', () => {
  it.each([
    ['/agencies/jxj', '/agencies/jxj'],
    ['/items/1?x=1#top', '/items/1?x=1#top'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
  ])('%j → %j', (input, expected) => {
    expect(localPath(input)).toBe(expected);
  });
});
