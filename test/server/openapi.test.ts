import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/server/export.ts';
import { honoPath, ROUTE_TABLE } from '../../src/server/routes.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { createTestApp, type TTestApp } from './support.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let webDir: string;

beforeAll(async () => {
  db = await openTestDatabase();
  webDir = mkdtempSync(join(tmpdir(), 'tuogou-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  app = createTestApp(db, testProtector(), { webDistDir: webDir });
});

afterAll(async () => {
  await db.drop();
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route of the route table with its method', async () => {
    const response = await app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const { definition } of ROUTE_TABLE) {
      expect(
        document.paths[definition.route.path]?.[definition.route.method],
        definition.route.path,
      ).toBeDefined();
    }
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(documented.sort()).toEqual(
      ROUTE_TABLE.map(({ definition: d }) => `${d.route.method} ${d.route.path}`).sort(),
    );
  });

  it('registers on the app exactly the API routes of the table', () => {
    const registered = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    );
    const declared = ROUTE_TABLE.map(
      ({ definition: d }) => `${d.route.method.toUpperCase()} ${honoPath(d.route)}`,
    );
    expect([...registered].sort()).toEqual([...declared, 'GET /api/openapi.json', 'GET /api/docs'].sort());
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/api/openapi.json');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('web app', () => {
  it('serves built files and falls back to index.html for app routes', async () => {
    const asset = await app.request('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/', '/public', '/public/associations/51100000500000001X', '/associations']) {
      const page = await app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('id="root"');
    }
  });

  it('serves the same files when the folder is given with a trailing separator', async () => {
    const withSlash = createTestApp(db, testProtector(), { webDistDir: `${webDir}/` });
    expect((await withSlash.request('/assets/app-1234.js')).status).toBe(200);
    expect((await withSlash.request('/public')).status).toBe(200);
  });

  it('does not serve files outside the build folder', async () => {
    const response = await app.request('/..%2f..%2fetc%2fpasswd');
    expect(response.status).toBe(404);
  });
});

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('leaves other text unchanged', () => {
    for (const value of ['中国钢铁工业协会', '1+1', '', 'a=b', " '=x"])
      expect(neutraliseFormula(value)).toBe(value);
  });
});
