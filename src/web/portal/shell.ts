import type { FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import type { FontSize, PageShell } from './views/layout';

const fontSizes: FontSize[] = ['small', 'medium', 'large'];

/** What every portal page needs: the site identity, the current path and the reader's preferences. */
export function shellOf(ctx: Context, request: FastifyRequest): PageShell {
  const font = request.cookies.gk_font as FontSize | undefined;
  return {
    site: ctx.config.site,
    path: request.url,
    prefs: {
      font: font && fontSizes.includes(font) ? font : 'medium',
      care: request.cookies.gk_care === '1',
    },
  };
}
