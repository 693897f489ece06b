import { createRoute, z } from '@hono/zod-openapi';
import { ZErrorBody } from '../errors.ts';

/** Schemas and route declarations of the open-data snapshots; access is in src/server/routes.ts. */

export const ZOpenDataFileParams = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .openapi({ param: { name: 'date', in: 'path' }, example: '2026-12-04' }),
  file: z
    .string()
    .regex(/^[a-z-]+\.(csv|jsonl|json)$/, 'must be a file name of the manifest, e.g. associations.csv')
    .openapi({ param: { name: 'file', in: 'path' }, example: 'associations.csv' }),
});

const ZLicence = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  notice: z.object({ zh: z.string(), en: z.string() }),
});

export const ZOpenDataIndex = z
  .object({
    licence: ZLicence,
    schemaVersion: z.number().int(),
    snapshots: z.array(
      z.object({
        asOf: z.string(),
        previous: z.string().nullable(),
        files: z.array(
          z.object({
            name: z.string(),
            rows: z.number().int(),
            sha256: z.string(),
            bytes: z.number().int(),
            description: z.string(),
            url: z.string(),
          }),
        ),
        manifestUrl: z.string(),
      }),
    ),
  })
  .openapi('OpenDataIndex');

const errors = {
  400: {
    description: 'Invalid date or file name (validation_failed)',
    content: { 'application/json': { schema: ZErrorBody } },
  },
  404: {
    description: 'No such snapshot or file (not_found)',
    content: { 'application/json': { schema: ZErrorBody } },
  },
  429: {
    description: 'Too many requests from this address (rate_limited)',
    content: { 'application/json': { schema: ZErrorBody } },
  },
};

export const OPEN_DATA_ROUTE_CONFIGS = {
  publicOpenDataIndex: createRoute({
    method: 'get',
    path: '/api/public/open-data',
    tags: ['public'],
    summary:
      'Open-data snapshots (CC BY 4.0), newest first: each date’s files with SHA-256 and row count. Published daily',
    responses: {
      200: { description: 'The snapshots', content: { 'application/json': { schema: ZOpenDataIndex } } },
      429: errors[429],
    },
  }),
  publicOpenDataFile: createRoute({
    method: 'get',
    path: '/api/public/open-data/{date}/{file}',
    tags: ['public'],
    summary:
      'One file of a snapshot: a dataset as CSV (UTF-8 with BOM) or JSON Lines, the changes since the previous snapshot, or manifest.json',
    request: { params: ZOpenDataFileParams },
    responses: {
      200: {
        description: 'The file; its SHA-256 is in the manifest and the ETag',
        content: {
          'text/csv': { schema: z.string() },
          'application/x-ndjson': { schema: z.string() },
          'application/json': { schema: z.string() },
        },
      },
      ...errors,
    },
  }),
};
