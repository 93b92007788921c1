import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { isAppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { getAgencyByCode, listAgencies } from '../../modules/accounts';
import {
  applicantView,
  findByTracking,
  letterDocx,
  type Receipt,
  submitApplication,
  submitCorrection,
} from '../../modules/applications';
import { DOCX_TYPE, sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import {
  formStateOf,
  postedStrings,
  publicPosting,
  TRACK_PER_MINUTE,
  trackingSchema,
} from './public-posting';
import { shellOf } from './shell';
import { ApplicantCasePage, TrackFormPage } from './views/application-case';
import { emptyForm, type PublicFormState } from './views/application-fields';
import { ApplicationFormPage } from './views/application-form';
import { ApplyGuidePage, applyWords, type ReceiptFacts, ReceiptPage } from './views/application-pages';

// 依申请公开 for the public (条例 Art. 29–33): the guide, the online form, the receipt, and the case page
// opened by tracking number + query code. No third-party CAPTCHA: per-IP rate limits (public-posting.tsx), and the
// service's holding queue for suspected abuse. The query code never appears in a URL: the case page and
// the letter downloads are answers to POSTs, sent with no-store. Personal data is shown masked only.

const DOWNLOADS_PER_MINUTE = 30;

const trackSchema = trackingSchema('申请编号');
const letterSchema = trackSchema.extend({ letterId: z.string().trim().min(1).max(64) });

/** POST /apply/:agencyCode, /apply/track, /apply/track/letter, and the pages they answer with. */
export function registerApplicationRoutes(app: FastifyInstance, ctx: Context): void {
  const shell = (request: FastifyRequest) => shellOf(ctx, request);

  const posting = publicPosting(app, ctx, applyWords);

  app.get('/apply', async (request, reply) => {
    const agencies = await listAgencies(ctx, { enabledOnly: true });
    return sendPage(reply, <ApplyGuidePage {...shell(request)} agencies={agencies} />);
  });

  app.get('/apply/track', async (request, reply) => {
    const csrf = reply.generateCsrf();
    return sendPage(reply, <TrackFormPage {...shell(request)} csrf={csrf} state={emptyForm} />);
  });

  app.post('/apply/track', posting(TRACK_PER_MINUTE), async (request, reply) => {
    const posted = postedStrings(request);
    const kept = { trackingNumber: posted.trackingNumber ?? '' }; // the query code is never echoed back
    const csrf = reply.generateCsrf();
    reply.header('cache-control', 'no-store');
    let input: z.output<typeof trackSchema>;
    try {
      input = parseInput(trackSchema, posted);
    } catch (error) {
      const state = formStateOf(error, kept);
      return sendPage(reply, <TrackFormPage {...shell(request)} csrf={csrf} state={state} />, 400);
    }
    try {
      const view = await applicantView(ctx, await findByTracking(ctx, input.trackingNumber, input.queryCode));
      const page = (
        <ApplicantCasePage {...shell(request)} view={view} csrf={csrf} queryCode={input.queryCode} />
      );
      return sendPage(reply, page);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'not_found') throw error;
      const state = { values: kept, errors: {} };
      const page = <TrackFormPage {...shell(request)} csrf={csrf} state={state} message={error.message} />;
      return sendPage(reply, page, 404);
    }
  });

  app.post('/apply/track/letter', posting(DOWNLOADS_PER_MINUTE), async (request, reply) => {
    const input = parseInput(letterSchema, postedStrings(request));
    const found = await findByTracking(ctx, input.trackingNumber, input.queryCode);
    const letter = await letterDocx(ctx.db, found.id, input.letterId, true);
    return sendDownload(reply, { ...letter, type: DOCX_TYPE });
  });

  app.post('/apply/track/correction', posting(TRACK_PER_MINUTE), async (request, reply) => {
    const posted = postedStrings(request);
    const input = parseInput(trackSchema, posted);
    const found = await findByTracking(ctx, input.trackingNumber, input.queryCode);
    reply.header('cache-control', 'no-store');
    let correctionState: PublicFormState | undefined;
    let notice: string | undefined;
    try {
      await submitCorrection(ctx, found, posted);
      notice = '补正内容已提交，答复期限自今日起重新计算。';
    } catch (error) {
      correctionState = formStateOf(error, { correction: posted.correction ?? '' });
    }
    const view = await applicantView(ctx, await findByTracking(ctx, input.trackingNumber, input.queryCode));
    const page = (
      <ApplicantCasePage
        {...shell(request)}
        view={view}
        csrf={reply.generateCsrf()}
        queryCode={input.queryCode}
        correctionState={correctionState}
        notice={notice}
      />
    );
    return sendPage(reply, page, correctionState ? 400 : 200);
  });

  app.get<{ Params: { agencyCode: string } }>('/apply/:agencyCode', async (request, reply) => {
    const agency = await getAgencyByCode(ctx, request.params.agencyCode);
    const csrf = reply.generateCsrf();
    return sendPage(
      reply,
      <ApplicationFormPage {...shell(request)} agency={agency} csrf={csrf} state={emptyForm} />,
    );
  });

  app.post<{ Params: { agencyCode: string } }>(
    '/apply/:agencyCode',
    posting(ctx.config.publicPostsPerMinute),
    async (request, reply) => {
      const agency = await getAgencyByCode(ctx, request.params.agencyCode);
      const posted = postedStrings(request);
      let receipt: Receipt;
      try {
        receipt = await submitApplication(ctx, agency.id, posted, request.ip);
      } catch (error) {
        const state = formStateOf(error, posted);
        const csrf = reply.generateCsrf();
        const page = <ApplicationFormPage {...shell(request)} agency={agency} csrf={csrf} state={state} />;
        return sendPage(reply, page, 400);
      }
      // Rendered from the POST itself (no redirect): the query code must not travel in a URL.
      // The submission is committed: should reading it back fail (PostgreSQL restarting, issue 8), the
      // receipt still shows the tracking number and the query code, which exist nowhere else.
      const today = chinaDay(ctx.clock.now());
      let facts: ReceiptFacts = {
        agencyName: agency.name,
        trackingNumber: receipt.trackingNumber,
        queryCode: receipt.queryCode,
        held: receipt.held,
        submittedOn: today,
        receivedOn: receipt.held ? null : today,
        due: null,
      };
      try {
        const view = await applicantView(
          ctx,
          await findByTracking(ctx, receipt.trackingNumber, receipt.queryCode),
        );
        facts = {
          ...facts,
          submittedOn: view.events[0]?.on_date ?? view.app.created_at.slice(0, 10),
          receivedOn: view.app.received_on,
          due: view.due.due,
        };
      } catch (error) {
        request.log.warn({ err: error }, 'receipt shown without its due date: reading it back failed');
      }
      reply.header('cache-control', 'no-store');
      return sendPage(reply, <ReceiptPage {...shell(request)} receipt={facts} csrf={reply.generateCsrf()} />);
    },
  );
}
