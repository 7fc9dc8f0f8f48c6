import { sha1 } from './wire.mjs';

/**
 * Checks a document's ETag header against the bytes it was computed from. 1.0.x requires the quoted, lowercase hex
 * SHA-1 of the contents (Communication 3.1.s4.b2); 2.0.0 dropped the SHA-1 rule but still wants a quoted tag.
 */
export function checkETag(t, etag, content, version) {
  if (version.startsWith('1.0')) t.eq(etag, `"${sha1(content)}"`, 'ETag is the quoted SHA-1 of the bytes');
  else t.ok(/^"[^"]+"$/.test(etag ?? ''), `ETag ${etag} is quoted`);
}
