import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { decideType, pngDimensionsProblem } from './content-type';

const pdf = { ext: 'pdf', mime: 'application/pdf' };
const png = { ext: 'png', mime: 'image/png' };
const cfb = { ext: 'cfb', mime: 'application/x-cfb' };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected a refusal');
}

describe('decideType', () => {
  it.each([
    [pdf, 'pdf', 'application/pdf'],
    [{ ext: 'jpg', mime: 'image/jpeg' }, 'jpeg', 'image/jpeg'],
    [cfb, 'doc', 'application/msword'],
    [cfb, 'xls', 'application/vnd.ms-excel'],
    [{ ext: 'ofd', mime: 'application/ofd' }, 'ofd', 'application/ofd'],
  ])('accepts %j claimed as .%s', (detected, claimed, mediaType) => {
    expect(decideType(detected, claimed).mediaType).toBe(mediaType);
  });

  it.each([
    [png, 'pdf', /扩展名 \.pdf与内容（PNG 图片）不符/],
    [pdf, 'exe', /扩展名 \.exe/],
    [pdf, '', /没有扩展名/],
    [cfb, 'pdf', /cfb/],
    [{ ext: 'gif', mime: 'image/gif' }, 'gif', /GIF（image\/gif）/],
    [{ ext: 'exe', mime: 'application/x-msdownload' }, 'exe', /EXE/],
    [undefined, 'jpg', /无法识别/],
  ])('refuses %j claimed as .%s with 415', (detected, claimed, message) => {
    const error = refusal(() => decideType(detected, claimed));
    expect(error.status).toBe(415);
    expect(error.message).toMatch(message);
  });
});

function ihdr(width: number, height: number): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(head);
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return head;
}

describe('pngDimensionsProblem', () => {
  it.each([
    [1, 1, null],
    [20_000, 5_000, null],
    [50_000, 50_000, /50000 × 50000/],
    [20_001, 1, /过大/],
    [10_001, 10_000, /过大/],
    [0, 10, /尺寸为 0/],
  ])('%i × %i', (w, h, expected) => {
    const problem = pngDimensionsProblem(ihdr(w, h));
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('refuses a PNG without IHDR first', () => {
    expect(pngDimensionsProblem(Buffer.from('89504e470d0a1a0a', 'hex'))).toMatch(/IHDR/);
  });
});
