import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../errors.js';
import { packageRoot } from '../package-root.js';

/** One file the page loads, with its validator. */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

export type PageAssets = Record<'/' | '/assets/app.js' | '/assets/style.css' | '/assets/icon.svg', Asset>;

/**
 * The page's shell: no data and no inline script or style (the Content-Security-Policy forbids both);
 * app.js fills it from /api/v1/events. Everything it loads ships in the package (dist/page/).
 */
const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>blumeops</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top"><h1>blumeops</h1><span id="repo" class="repo"></span><span id="connection" class="connection">connecting…</span></header>
<section id="loop" class="loop" aria-live="polite"></section>
<main id="app"><p class="empty">Waiting for the first cycle…</p></main>
<noscript><p class="empty">This page needs JavaScript for its live view. The same data: <a href="/api/v1/status">/api/v1/status</a>, <a href="/api/v1/history">/api/v1/history</a>.</p></noscript>
</body>
</html>
`;

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="2" width="12" height="12" rx="3" fill="#2f9e44"/><rect x="18" y="10" width="12" height="12" rx="3" fill="#f08c00"/><rect x="6" y="18" width="12" height="12" rx="3" fill="#1c7ed6"/></svg>`;

/** Reads the built script and style (dist/page/, made by `npm run build`). */
export function loadAssets(dir: string = path.join(packageRoot(), 'dist', 'page')): PageAssets {
  const read = (name: string) => {
    try {
      return readFileSync(path.join(dir, name));
    } catch {
      throw new BlumeopsError(`the status page's ${name} is missing from ${dir}`, { hint: 'rebuild blumeops (npm run build)' });
    }
  };
  return {
    '/': asset(Buffer.from(SHELL), 'text/html; charset=utf-8'),
    '/assets/app.js': asset(read('app.js'), 'text/javascript; charset=utf-8'),
    '/assets/style.css': asset(read('style.css'), 'text/css; charset=utf-8'),
    '/assets/icon.svg': asset(Buffer.from(ICON), 'image/svg+xml'),
  };
}

export function asset(body: Buffer, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
