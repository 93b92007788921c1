import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { sendPage } from '../http/render';
import { shellOf } from './shell';
import type { PublicFormState } from './views/application-fields';
import { TooFrequentPage, type TrackingWords } from './views/tracking-pages';

// The plumbing every public form with a tracking number shares (依申请公开, 部门信箱): the posted strings,
// a failed validation as the form's state, and POST options with CSRF plus a per-IP rate limit whose 429
// is a portal page saying plainly that nothing was stored. No third-party CAPTCHA.

/** Guessing tracking number + query code pairs: the per-IP allowance of the tracking forms. */
export const TRACK_PER_MINUTE = 10;

/** The tracking form's fields; `numberLabel` is the feature's name for its tracking number. */
export function trackingSchema(numberLabel: string) {
  return z.object({
    trackingNumber: z.string().trim().min(1, `请填写${numberLabel}`).max(40, `${numberLabel}过长`),
    queryCode: z.string().trim().min(1, '请填写查询码').max(20, '查询码过长'),
  });
}

/** The string fields of a posted form (never the parsed object itself; repeated keys are dropped). */
export function postedStrings(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>))
    if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/** A failed validation as the form's state; anything else is not the form's business. */
export function formStateOf(error: unknown, values: Record<string, string>): PublicFormState {
  if (!isAppError(error) || error.code !== 'validation') throw error;
  return { values, errors: error.fields ?? {} };
}

const limited = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      new AppError('rate_limited', '操作过于频繁，本次提交未保存，请稍后再试', {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  },
});

/**
 * Route options for a public POST: CSRF, `max` posts a minute per IP, and a 429 answered with the
 * feature's "too frequent" page (other errors go to the app's handler).
 */
export function publicPosting(app: FastifyInstance, ctx: Context, words: TrackingWords) {
  const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (!isAppError(error) || error.code !== 'rate_limited') throw error;
    const wait = error.retryAfterSeconds ?? 60;
    reply.header('retry-after', String(wait)).header('cache-control', 'no-store');
    const page = <TooFrequentPage {...shellOf(ctx, request)} words={words} waitSeconds={wait} />;
    return sendPage(reply, page, 429);
  };
  return (max: number) => ({ preHandler: app.csrfProtection, config: limited(max), errorHandler });
}
