// What actually crossed the wire. @xapi/xapi's fetch adapter calls the global fetch, so wrapping it lets the checks
// see raw bytes and status codes that the library hides: it decodes every body as UTF-8 text (which mangles binary
// attachments and documents) and turns any non-2xx into an Error carrying only the body text.
import { createHash } from 'node:crypto';

export const wire = { last: null };

const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init = {}) => {
  const requestBody = await bytesOf(init.body);
  const response = await realFetch(url, init);
  const responseBody = Buffer.from(await response.clone().arrayBuffer());
  wire.last = {
    method: init.method ?? 'GET',
    url: String(url),
    requestHeaders: init.headers ?? {},
    requestBody,
    status: response.status,
    headers: response.headers,
    responseBody,
  };
  return response;
};

async function bytesOf(body) {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error(`wire tap cannot read a request body of type ${Object.prototype.toString.call(body)}`);
}

export const sha1 = (bytes) => createHash('sha1').update(bytes).digest('hex');
export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Splits a multipart/mixed body into parts of { headers (lower-cased names), body (Buffer) }. */
export function parseMultipart(contentType, body) {
  const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  if (!match) throw new Error(`no boundary in Content-Type '${contentType}'`);
  const delimiter = Buffer.from(`--${match[1]}`);
  const parts = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('the body does not contain its boundary');
  for (;;) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    start += 2; // CRLF after the delimiter
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next < 0) throw new Error('a part is not closed by the boundary');
    const part = body.subarray(start, next);
    const blank = part.indexOf('\r\n\r\n');
    const headers = {};
    for (const line of part.subarray(0, blank).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: Buffer.from(part.subarray(blank + 4)) });
    at = next + 2;
  }
  return parts;
}
