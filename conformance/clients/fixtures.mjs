// Statements and documents unique to one run, so the script can run against an LRS that already holds data and its
// queries (filtered by registration) see only what this run wrote.
import { randomBytes, randomUUID } from 'node:crypto';

export const runId = randomUUID();

export function identities(scope) {
  const slug = scope.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return {
    agent: { objectType: 'Agent', name: `Interop ${scope}`, mbox: `mailto:interop-${slug}-${runId}@example.com` },
    activityId: `http://example.com/interop/${runId}/${slug}/course`,
    registration: randomUUID(),
  };
}

export const verbs = {
  experienced: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  attached: { id: 'http://adlnet.gov/expapi/verbs/shared', display: { 'en-US': 'shared' } },
};

/** A plain statement as JSON, with the run's registration in its context. */
export function statementJson(ids, verb, n) {
  return {
    actor: ids.agent,
    verb,
    object: {
      objectType: 'Activity',
      id: `${ids.activityId}/page-${n}`,
      definition: { name: { 'en-US': `Page ${n}` }, type: 'http://adlnet.gov/expapi/activities/lesson' },
    },
    context: { registration: ids.registration },
  };
}

/** A JSON document with non-ASCII text, so a byte-level round trip also proves UTF-8 survives. */
export function jsonDocument(label) {
  return { label, learner: 'Zoë Ångström 学習者', progress: 0.42, bookmarks: ['intro', 'ch-2'], nested: { done: false } };
}

/**
 * Binary content holding every byte value plus random bytes. It contains no CRLF pair and no leading or trailing
 * whitespace: @xapi/xapi's multipart response parser splits parts on CRLF and trims them, a client limit that has
 * nothing to do with the server, so the payload stays inside what the client can carry.
 */
export function binaryPayload(size = 4096) {
  const bytes = new Uint8Array(size);
  bytes[0] = 0x01;
  for (let i = 0; i < 256; i += 1) bytes[1 + i] = i;
  bytes.set(randomBytes(size - 258), 257);
  bytes[size - 1] = 0xfe;
  for (let i = 1; i < size; i += 1) if (bytes[i - 1] === 13 && bytes[i] === 10) bytes[i] = 11;
  return bytes;
}
