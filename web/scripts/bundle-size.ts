/**
 * Reports the gzipped JavaScript each part of the web app loads on first visit, from the Vite manifest
 * of a finished build (`npm run build:web`): the shared entry, then per lazily loaded area the entry
 * plus that area's chunks and everything they import statically.
 *
 *   npx tsx web/scripts/bundle-size.ts            # table of sizes
 *   npx tsx web/scripts/bundle-size.ts --budget   # also fail if the public portal exceeds its budget
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type TManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};
type TManifest = Record<string, TManifestChunk>;

/** Public portal budget from the quality bars: 300 KB of gzipped JavaScript on first load. */
const PUBLIC_BUDGET_BYTES = 300 * 1024;

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8')) as TManifest;

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

/** The manifest keys of the given chunks and of everything they import statically. */
function staticClosure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) stack.push(imported);
  }
  return seen;
}

function totalGzip(keys: Set<string>): number {
  let total = 0;
  for (const key of keys) {
    const chunk = manifest[key];
    if (chunk?.file.endsWith('.js')) total += gzipBytes(chunk.file);
  }
  return total;
}

function keyOf(source: string): string {
  const key = Object.keys(manifest).find(
    (candidate) => candidate === source || manifest[candidate]?.src === source,
  );
  if (!key)
    throw new Error(`The manifest has no chunk for ${source}; was the build run after changing routes?`);
  return key;
}

const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entry) throw new Error('The manifest has no entry chunk.');

const areas: Array<{ name: string; sources: string[] }> = [
  { name: 'public portal (/public)', sources: ['src/pages/public/index.ts'] },
  { name: 'login (/login)', sources: ['src/pages/LoginPage.tsx'] },
  { name: 'back office home (/)', sources: ['src/layout/AppLayout.tsx', 'src/pages/HomePage.tsx'] },
  {
    name: 'registry list (/registry)',
    sources: ['src/layout/AppLayout.tsx', 'src/pages/registry/RegistryListPage.tsx'],
  },
  {
    name: 'findings list (/findings)',
    sources: ['src/layout/AppLayout.tsx', 'src/pages/findings/FindingsListPage.tsx'],
  },
  {
    name: 'rule catalog (/rules)',
    sources: ['src/layout/AppLayout.tsx', 'src/pages/rules/RuleCatalogPage.tsx'],
  },
  {
    name: 'screening runs (/screening)',
    sources: ['src/layout/AppLayout.tsx', 'src/pages/screening/ScreeningRunsPage.tsx'],
  },
];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const entryClosure = staticClosure([entry]);
console.log(`entry (shared by every page)        ${kb(totalGzip(entryClosure))} gzip`);
let publicTotal = 0;
for (const area of areas) {
  const closure = staticClosure([entry, ...area.sources.map(keyOf)]);
  const total = totalGzip(closure);
  if (area.sources[0] === 'src/pages/public/index.ts') publicTotal = total;
  console.log(`${area.name.padEnd(36)}${kb(total)} gzip on first load`);
}

if (process.argv.includes('--budget') && publicTotal > PUBLIC_BUDGET_BYTES) {
  console.error(
    `The public portal loads ${kb(publicTotal)} of gzipped JS; the budget is ${kb(PUBLIC_BUDGET_BYTES)}.`,
  );
  process.exitCode = 1;
}
