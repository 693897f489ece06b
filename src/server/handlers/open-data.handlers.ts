import { findSnapshotFile, listSnapshots } from '../../db/repositories/open-data.repository.ts';
import {
  OPEN_DATA_LICENCE,
  OPEN_DATA_SCHEMA_VERSION,
  publishedContent,
  type TManifest,
} from '../../jobs/open-data.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { limitPublic, publicLimiterOf } from './inspections.handlers.ts';
import type { THandlersOf } from './types.ts';

/** The open-data snapshots: the index of dates and files, and each file byte for byte as published. */
export function createOpenDataHandlers(
  deps: TAppDeps,
): THandlersOf<'publicOpenDataIndex' | 'publicOpenDataFile'> {
  const { db } = deps;
  const limiter = publicLimiterOf(deps);
  return {
    publicOpenDataIndex: async (c) => {
      limitPublic(limiter, deps, c);
      const snapshots = await listSnapshots(db);
      return c.json(
        {
          licence: OPEN_DATA_LICENCE,
          schemaVersion: OPEN_DATA_SCHEMA_VERSION,
          snapshots: snapshots.map((s) => {
            const manifest = s.manifest as TManifest;
            return {
              asOf: s.asOf,
              previous: s.previous,
              files: manifest.files.map((f) => ({ ...f, url: `/api/public/open-data/${s.asOf}/${f.name}` })),
              manifestUrl: `/api/public/open-data/${s.asOf}/manifest.json`,
            };
          }),
        },
        200,
      );
    },

    publicOpenDataFile: async (c) => {
      limitPublic(limiter, deps, c);
      const { date, file } = c.req.valid('param');
      const row = await findSnapshotFile(db, { asOf: date, name: file });
      if (!row) throw new AppError('not_found', `No open-data file ${file} for ${date}`);
      // A published snapshot never changes: caches may keep it.
      return c.body(publishedContent(row), 200, {
        'Content-Type': row.mediaType,
        'Content-Disposition': `attachment; filename="tuogou-${date}-${file}"`,
        'Cache-Control': 'public, max-age=86400, immutable',
        ETag: `"${row.sha256}"`,
        'X-Licence': OPEN_DATA_LICENCE.id,
      }) as never;
    },
  };
}
