import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Handler } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

function fileResponse(path: string, cacheControl: string): Response {
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': String(statSync(path).size),
      'Cache-Control': cacheControl,
    },
  });
}

/**
 * Serves the built web app from `dir`: files as they are (hashed assets cached for a year), and
 * `index.html` for any other path without a file extension, so the app's own router handles deep
 * links such as `/public/associations/…`. Paths never leave `dir`.
 */
export function webAppHandler(dir: string): Handler {
  // resolve() drops a trailing separator, which would otherwise make every file look outside the root.
  const root = resolve(dir);
  const index = join(root, 'index.html');
  return (c) => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return c.notFound();
    }
    const candidate = normalize(join(root, relative));
    if (candidate !== root && !candidate.startsWith(root + sep)) return c.notFound();
    if (existsSync(candidate) && statSync(candidate).isFile()) {
      const immutable = relative.startsWith('/assets/');
      return fileResponse(candidate, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    if (extname(relative) === '' && existsSync(index)) return fileResponse(index, 'no-cache');
    return c.notFound();
  };
}
