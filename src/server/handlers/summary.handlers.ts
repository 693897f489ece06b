import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import { generateWorkSummary, MissingCjkFontError } from '../../reports/index.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { auditActorOf } from '../principal.ts';
import { dashboardRequestOf } from './dashboard.handlers.ts';
import type { THandlersOf } from './types.ts';

/** `GET /api/work-summary`: the work summary of the caller's filter as Word or PDF. */
export function createSummaryHandlers(deps: TAppDeps): THandlersOf<'workSummary'> {
  const { db } = deps;
  return {
    workSummary: async (c) => {
      const query = c.req.valid('query');
      const principal = c.get('principal')!;
      const request = dashboardRequestOf(principal, query, deps.now().toISOString().slice(0, 10));
      let summary: Awaited<ReturnType<typeof generateWorkSummary>>;
      try {
        summary = await generateWorkSummary({
          db,
          request,
          format: query.format,
          fontSetting: deps.config.cjkFont,
        });
      } catch (error) {
        // The server is missing a font, not the request wrong: say what to install.
        if (error instanceof MissingCjkFontError) throw new AppError('internal_error', error.message);
        throw error;
      }
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'work_summary.generate',
          entity: 'work_summary',
          detail: {
            format: query.format,
            filter: Object.fromEntries(Object.entries(request.filter).filter(([, v]) => v !== undefined)),
          },
        }),
      );
      return new Response(new Uint8Array(summary.bytes), {
        headers: {
          'Content-Type': summary.contentType,
          'Content-Disposition': `attachment; filename="${summary.fileName}"`,
        },
      });
    },
  };
}
