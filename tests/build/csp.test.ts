// Build check on dist/ (after `npm run build`; REHEARSE_DIST points elsewhere): index.html carries
// a Content-Security-Policy that allows no inline or remote script, workers and WebAssembly from
// this origin only, and the page itself has no inline script for it to break.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const DIST = process.env.REHEARSE_DIST ?? 'dist';
const html = () => readFileSync(join(DIST, 'index.html'), 'utf8');

function policy(): Map<string, string[]> {
  const metas = [...html().matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  expect(metas).toHaveLength(1);
  const directives = new Map<string, string[]>();
  for (const part of metas[0]![1]!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('Content-Security-Policy of index.html', () => {
  test('scripts from this origin only, WebAssembly allowed, no eval or inline script', () => {
    const csp = policy();
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    // The sync server's address is the person's choice (Settings → Sync): WebSockets anywhere,
    // every other fetch to this origin only.
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    // Vite inlines KaTeX's smallest woff2 files as data: URLs; a font cannot run script.
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    // A card's stored media show from object URLs (cardMedia.ts): pictures, and sounds, which
    // without media-src would fall back to default-src and never play.
    expect(csp.get('img-src')).toContain('blob:');
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
  });

  test('the page it guards has no inline script or handler, and its scripts are ours', () => {
    const page = html();
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\.\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
