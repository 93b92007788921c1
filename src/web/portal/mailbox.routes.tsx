import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { type AppError, isAppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { getAgencyByCode, listAgencies } from '../../modules/accounts';
import {
  findLetterByTracking,
  type LetterReceipt,
  monthlyStats,
  publishedLetter,
  publishedLetters,
  rateLetter,
  submitLetter,
  writerView,
} from '../../modules/mailbox';
import { sendPage } from '../http/render';
import {
  formStateOf,
  postedStrings,
  publicPosting,
  TRACK_PER_MINUTE,
  trackingSchema,
} from './public-posting';
import { shellOf } from './shell';
import { emptyForm, type PublicFormState } from './views/application-fields';
import { AgencyMailboxPage, MailboxHomePage, mailboxWords, PublishedLetterPage } from './views/mailbox-pages';
import { LetterTrackPage, WriterLetterPage } from './views/mailbox-track';
import { LetterReceiptPage, WriteLetterPage } from './views/mailbox-write';

// 部门信箱 for the public (portal-standards.md §8.2), shaped as the 依申请公开 routes: per-IP rate limits
// here and the service's holding queue for suspected abuse; the query code never travels in a URL (the
// receipt and the letter page are answers to POSTs, sent with no-store); the writer is shown masked.

const trackSchema = trackingSchema('信件编号');

/** The months of the year so far (the whole year for a past year), as YYYY-MM. */
function monthsOf(today: string): string[] {
  const month = Number(today.slice(5, 7));
  return Array.from(
    { length: month },
    (_, i) => `${today.slice(0, 4)}-${String(month - i).padStart(2, '0')}`,
  );
}

/** GET /mailbox…, POST /mailbox/:code/write, /mailbox/track, /mailbox/track/rate. */
export function registerMailboxRoutes(app: FastifyInstance, ctx: Context): void {
  const shell = (request: FastifyRequest) => shellOf(ctx, request);
  const posting = publicPosting(app, ctx, mailboxWords);
  const today = () => chinaDay(ctx.clock.now());

  app.get('/mailbox', async (request, reply) => {
    const agencies = await listAgencies(ctx, { enabledOnly: true });
    const letters = await publishedLetters(ctx.db, null, 30);
    const rows = await monthlyStats(ctx.db, monthsOf(today()));
    return sendPage(
      reply,
      <MailboxHomePage
        {...shell(request)}
        agencies={agencies}
        letters={letters}
        rows={rows}
        year={today().slice(0, 4)}
      />,
    );
  });

  app.get('/mailbox/track', async (request, reply) =>
    sendPage(reply, <LetterTrackPage {...shell(request)} csrf={reply.generateCsrf()} state={emptyForm} />),
  );

  const letterPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: z.output<typeof trackSchema>,
    extra: { notice?: string; rateState?: PublicFormState } = {},
  ) => {
    const view = await writerView(
      ctx,
      await findLetterByTracking(ctx, input.trackingNumber, input.queryCode),
    );
    const page = (
      <WriterLetterPage
        {...shell(request)}
        view={view}
        csrf={reply.generateCsrf()}
        queryCode={input.queryCode}
        {...extra}
      />
    );
    return sendPage(reply.header('cache-control', 'no-store'), page, extra.rateState ? 400 : 200);
  };

  app.post('/mailbox/track', posting(TRACK_PER_MINUTE), async (request, reply) => {
    const posted = postedStrings(request);
    const kept = { trackingNumber: posted.trackingNumber ?? '' }; // the query code is never echoed back
    reply.header('cache-control', 'no-store');
    try {
      return await letterPage(request, reply, parseInput(trackSchema, posted));
    } catch (error) {
      const notFound = isAppError(error) && error.code === 'not_found';
      const state = notFound ? { values: kept, errors: {} } : formStateOf(error, kept);
      const page = (
        <LetterTrackPage
          {...shell(request)}
          csrf={reply.generateCsrf()}
          state={state}
          message={notFound ? (error as AppError).message : undefined}
        />
      );
      return sendPage(reply, page, notFound ? 404 : 400);
    }
  });

  app.post('/mailbox/track/rate', posting(TRACK_PER_MINUTE), async (request, reply) => {
    const posted = postedStrings(request);
    const input = parseInput(trackSchema, posted);
    const letter = await findLetterByTracking(ctx, input.trackingNumber, input.queryCode);
    try {
      await rateLetter(ctx, letter, posted);
      return letterPage(request, reply, input, { notice: '感谢您的评价。' });
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict')
        return letterPage(request, reply, input, { notice: error.message });
      return letterPage(request, reply, input, { rateState: formStateOf(error, {}) });
    }
  });

  app.get<{ Params: { id: string } }>('/mailbox/letters/:id', async (request, reply) => {
    const letter = await publishedLetter(ctx.db, request.params.id);
    return sendPage(reply, <PublishedLetterPage {...shell(request)} letter={letter} />);
  });

  app.get<{ Params: { code: string } }>('/mailbox/:code', async (request, reply) => {
    const agency = await getAgencyByCode(ctx, request.params.code);
    const letters = await publishedLetters(ctx.db, agency.id, 50);
    const rows = await monthlyStats(ctx.db, monthsOf(today()), agency.id);
    return sendPage(
      reply,
      <AgencyMailboxPage
        {...shell(request)}
        agency={agency}
        letters={letters}
        rows={rows}
        year={today().slice(0, 4)}
      />,
    );
  });

  app.get<{ Params: { code: string } }>('/mailbox/:code/write', async (request, reply) => {
    const agency = await getAgencyByCode(ctx, request.params.code);
    return sendPage(
      reply,
      <WriteLetterPage {...shell(request)} agency={agency} csrf={reply.generateCsrf()} state={emptyForm} />,
    );
  });

  app.post<{ Params: { code: string } }>(
    '/mailbox/:code/write',
    posting(ctx.config.publicPostsPerMinute),
    async (request, reply) => {
      const agency = await getAgencyByCode(ctx, request.params.code);
      const posted = postedStrings(request);
      let receipt: LetterReceipt;
      try {
        receipt = await submitLetter(ctx, agency.id, posted, request.ip);
      } catch (error) {
        const page = (
          <WriteLetterPage
            {...shell(request)}
            agency={agency}
            csrf={reply.generateCsrf()}
            state={formStateOf(error, posted)}
          />
        );
        return sendPage(reply, page, 400);
      }
      // Rendered from the POST itself (no redirect): the query code must not travel in a URL.
      const facts = {
        agencyName: agency.name,
        trackingNumber: receipt.trackingNumber,
        queryCode: receipt.queryCode,
        held: receipt.held,
        dueOn: receipt.dueOn,
      };
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        <LetterReceiptPage {...shell(request)} receipt={facts} csrf={reply.generateCsrf()} />,
      );
    },
  );
}
