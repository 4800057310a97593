// Makes the page of `redocly build-docs` work offline: that page loads the Redoc bundle, which
// hydrates the prerendered reference, from a CDN. This puts the same bundle, from the pinned
// npm package redoc, inline instead. Run where that package is installed: node inline-redoc.mjs PAGE.html
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const page = process.argv[2];
const fail = (message) => {
  console.error(`inline-redoc: ${page}: ${message}`);
  process.exit(1);
};

const html = readFileSync(page, 'utf8');
const cdnScript = /<script src="https:\/\/[^"]+\/redoc\/v([^/"]+)\/bundles\/redoc\.standalone\.js"[^>]*><\/script>/;
const found = html.match(cdnScript);
if (!found) {
  fail('no Redoc CDN script to replace (has @redocly/cli changed its page?)');
}
// The prerendered page only hydrates with the Redoc version it was rendered by.
const pinned = require('redoc/package.json').version;
if (found[1] !== pinned) {
  fail(`rendered by Redoc ${found[1]}, but package.json pins redoc ${pinned}: pin the same version`);
}
const bundle = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8')
  .replace(/<\/script/gi, '<\\/script');
// The policy keeps the page from reaching any other host, which is what it would do offline too:
// Redoc's footer logo, for one, comes from its CDN (the footer shows its text without it).
const policy = "default-src 'self' data: blob: 'unsafe-inline'";
const charset = '<meta charset="utf8" />';
if (!html.includes(charset)) {
  fail(`no ${charset} to put the Content-Security-Policy after`);
}
const offline = html
  .replace(charset, () => `${charset}\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`)
  .replace(cdnScript, () => `<script>${bundle}</script>`);

const remote = offline.match(/<(script|link)\b[^>]*\b(src|href)="(https?:)?\/\/[^"]*"/i);
if (remote) {
  fail(`still loads from the network: ${remote[0]}`);
}
writeFileSync(page, offline);
