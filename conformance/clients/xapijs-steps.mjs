// The LRS driven through @xapi/xapi. With adapter 'fetch' the library talks through the global fetch, where
// wire.mjs records the raw bytes and statuses it does not expose; that pass runs everything, on xAPI 1.0.3 and 2.0.0.
// Its default adapter (axios over node:http) is what most Node users get, but it does not send multipart
// attachments correctly and parses bodies before anyone sees the bytes, so that pass leaves out attachments and
// binary documents and checks JSON documents by content and by the ETag (the SHA-1 of the stored bytes).
import XAPI from '@xapi/xapi';
import { randomUUID } from 'node:crypto';
import { binaryPayload, identities, jsonDocument, statementJson, verbs } from './fixtures.mjs';
import { checkETag } from './etag.mjs';
import { parseMultipart, sha256, wire } from './wire.mjs';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runXapiJs(report, { endpoint, key, secret }, version, adapter) {
  const scope = `@xapi/xapi ${version} (${adapter})`;
  const xapi = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret), version, adapter });
  const tapped = adapter === 'fetch';
  const ids = identities(scope);
  const step = (name, fn) => report.step(scope, name, fn);
  const written = [];

  // Answers 2xx with the library's response, or the status seen when the library threw (axios keeps it on the
  // error; the fetch adapter throws a bare Error, so the wire has it).
  const attempt = async (call) => {
    wire.last = null;
    try {
      const response = await call();
      return { status: response.status, response };
    } catch (error) {
      return { status: error.response?.status ?? wire.last?.status ?? 0, error };
    }
  };
  // The bytes of the last request or response body: from the wire when tapped; otherwise the JSON the library
  // (de)serialised, which equals the wire bytes only if the LRS stores and returns documents unchanged, something
  // the SHA-1 ETag check confirms independently.
  const sentBytes = (content) => (tapped ? wire.last.requestBody : Buffer.from(JSON.stringify(content), 'utf8'));
  const receivedBytes = (response) => (tapped ? wire.last.responseBody : Buffer.from(JSON.stringify(response.data), 'utf8'));
  const sameBytes = tapped ? 'byte-for-byte' : 're-serialised';

  await step('about lists both versions', async (t) => {
    const { data, status } = await xapi.getAbout();
    t.eq(status, 200, 'GET about 200');
    t.ok(data.version?.includes('1.0.3') && data.version?.includes('2.0.0'), `versions ${JSON.stringify(data.version)} hold 1.0.3 and 2.0.0`);
  });

  await step('save one statement (POST) and read it back', async (t) => {
    const statement = statementJson(ids, verbs.experienced, 0);
    const sent = await xapi.sendStatement({ statement });
    t.eq(sent.status, 200, 'POST statements 200');
    const id = sent.data?.[0];
    t.ok(sent.data?.length === 1 && uuid.test(id), `the LRS answered one UUID (${id})`);
    t.ok(sent.headers['x-experience-api-version']?.startsWith(version.slice(0, 4)), `response names version ${sent.headers['x-experience-api-version']}`);
    written.push(id);
    const got = await xapi.getStatement({ statementId: id });
    t.eq(got.data.id, id, 'GET by statementId returns that id');
    t.eq([got.data.actor?.mbox, got.data.verb?.id, got.data.object?.id], [statement.actor.mbox, statement.verb.id, statement.object.id], 'actor, verb and object round-trip');
    t.eq(got.data.context?.registration, ids.registration, 'registration round-trips');
    t.ok(got.data.stored && got.data.authority, 'stored and authority were set by the LRS');
    t.ok(version === '2.0.0' ? got.data.version === '2.0.0' : got.data.version?.startsWith('1.0.'), `statement version ${got.data.version} fits ${version}`);
  });

  await step('save a batch of five (two with ids the client chose)', async (t) => {
    const chosen = [randomUUID(), randomUUID()];
    const statements = [1, 2, 3, 4, 5].map((n) => statementJson(ids, verbs.answered, n));
    statements[1].id = chosen[0];
    statements[3].id = chosen[1];
    const sent = await xapi.sendStatements({ statements });
    t.eq(sent.status, 200, 'POST statements (array) 200');
    t.eq(sent.data?.length, 5, 'five ids come back');
    t.ok(sent.data?.every((id) => uuid.test(id)) && new Set(sent.data).size === 5, 'all are distinct UUIDs');
    t.eq([sent.data?.[1], sent.data?.[3]], chosen, 'client-chosen ids kept, in request order');
    written.push(...(sent.data ?? []));
  });

  await step('query with limit=2 and follow more to the end', async (t) => {
    const seen = [];
    const stored = [];
    let page = await xapi.getStatements({ registration: ids.registration, limit: 2 });
    t.ok(page.headers['x-experience-api-consistent-through'], `X-Experience-API-Consistent-Through ${page.headers['x-experience-api-consistent-through']}`);
    let pages = 0;
    let oversized = 0;
    for (;;) {
      pages += 1;
      if (page.data.statements.length > 2) oversized += 1;
      seen.push(...page.data.statements.map((s) => s.id));
      stored.push(...page.data.statements.map((s) => Date.parse(s.stored)));
      if (!page.data.more || pages > 20) break;
      page = await xapi.getMoreStatements({ more: page.data.more });
    }
    t.ok(stored.every((v, i) => i === 0 || stored[i - 1] >= v), 'newest first across pages (stored descending)');
    t.eq(oversized, 0, 'no page holds more than 2 statements');
    t.eq(pages, Math.ceil(written.length / 2), `${pages} pages for ${written.length} statements`);
    t.eq(seen.length, written.length, `${seen.length} statements seen`);
    t.eq(new Set(seen).size, seen.length, 'none seen twice');
    t.eq([...seen].sort(), [...written].sort(), 'exactly the statements this run wrote');
  });

  await step('query by agent and verb', async (t) => {
    const page = await xapi.getStatements({ agent: ids.agent, verb: verbs.answered.id });
    t.eq(page.status, 200, 'GET statements?agent=...&verb=... 200');
    t.eq(page.data.statements.map((s) => s.id).sort(), written.slice(1).sort(), `exactly the ${written.length - 1} 'answered' statements of this agent`);
  });

  await step('activity and agent resources', async (t) => {
    const activity = await xapi.getActivity({ activityId: `${ids.activityId}/page-1` });
    t.eq([activity.status, activity.data.id], [200, `${ids.activityId}/page-1`], 'GET activities 200 with the id');
    t.eq(activity.data.definition?.name?.['en-US'], 'Page 1', 'the definition learnt from statements');
    const person = await xapi.getAgent({ agent: ids.agent });
    t.eq([person.status, person.data.objectType], [200, 'Person'], 'GET agents 200 with a Person');
    t.ok(person.data.mbox?.includes(ids.agent.mbox) && person.data.name?.includes(ids.agent.name), 'holding the mbox and name');
  });

  await step('void a statement', async (t) => {
    const target = written[0];
    const voided = await xapi.voidStatement({ actor: ids.agent, statementId: target });
    t.eq(voided.status, 200, 'POST voiding statement 200');
    const got = await xapi.getVoidedStatement({ voidedStatementId: target });
    t.eq([got.status, got.data.id], [200, target], 'GET voidedStatementId returns it');
    const plain = await attempt(() => xapi.getStatement({ statementId: target }));
    t.eq(plain.status, 404, 'GET statementId now 404');
    // The voiding statement matches the filter through its StatementRef (Communication 2.1.3 "Filter Conditions for
    // StatementRefs"), so it comes back in the voided statement's place.
    const page = await xapi.getStatements({ registration: ids.registration });
    t.eq(page.data.statements.map((s) => s.id).sort(), [...written.slice(1), voided.data[0]].sort(), 'a query by registration returns the voiding statement, not the voided one');
  });

  if (version === '2.0.0') {
    await step('2.0.0 contextAgents: stored, queried as related agent, dropped for a 1.0.3 reader', async (t) => {
      const mentor = { objectType: 'Agent', mbox: `mailto:mentor-${randomUUID()}@example.com` };
      const statement = statementJson(identities(`${scope} 2.0`), verbs.experienced, 0);
      statement.context.contextAgents = [{ objectType: 'contextAgent', agent: mentor, relevantTypes: ['http://example.com/types/mentor'] }];
      const sent = await xapi.sendStatement({ statement });
      const id = sent.data?.[0];
      t.eq(sent.status, 200, 'POST 200');
      const got = await xapi.getStatement({ statementId: id });
      t.eq(got.data.context?.contextAgents, statement.context.contextAgents, 'contextAgents round-trip');
      const related = await xapi.getStatements({ agent: mentor, related_agents: true });
      t.eq(related.data.statements.map((s) => s.id), [id], 'agent=<mentor>&related_agents=true finds it');
      const old = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret), version: '1.0.3', adapter });
      const seen = await old.getStatement({ statementId: id });
      t.ok(seen.data.id === id && seen.data.context && !('contextAgents' in seen.data.context), 'a 1.0.3 reader gets it without contextAgents');
      t.eq(seen.data.version, '1.0.0', 'labelled version 1.0.0 for that reader');
    });
  }

  await step('useCacheBuster is refused: cachebuster is no xAPI parameter (Communication 3.2.s3.b7)', async (t) => {
    const busted = await attempt(() => xapi.getStatements({ registration: ids.registration, useCacheBuster: true }));
    t.eq(busted.status, 400, 'GET statements?cachebuster=... 400');
    const message = JSON.stringify(busted.error?.response?.data ?? busted.error?.message ?? '');
    t.ok(message.includes('cachebuster'), 'the error names the parameter');
  });

  const documents = [
    {
      kind: 'state',
      where: { agent: ids.agent, activityId: ids.activityId, registration: ids.registration },
      id: (v) => ({ stateId: v }),
      set: (p) => xapi.setState({ ...p, state: p.content }),
      get: (p) => xapi.getState(p),
      list: (p) => xapi.getStates(p),
      remove: (p) => xapi.deleteState(p),
    },
    {
      kind: 'activity profile',
      where: { activityId: ids.activityId },
      id: (v) => ({ profileId: v }),
      set: (p) => xapi.setActivityProfile({ ...p, profile: p.content }),
      get: (p) => xapi.getActivityProfile(p),
      list: (p) => xapi.getActivityProfiles(p),
      remove: (p) => xapi.deleteActivityProfile(p),
    },
    {
      kind: 'agent profile',
      where: { agent: ids.agent },
      id: (v) => ({ profileId: v }),
      set: (p) => xapi.setAgentProfile({ ...p, profile: p.content }),
      get: (p) => xapi.getAgentProfile(p),
      list: (p) => xapi.getAgentProfiles(p),
      remove: (p) => xapi.deleteAgentProfile(p),
    },
  ];

  await step('state, activity and agent profile: POST merges JSON documents', async (t) => {
    const merges = [
      ['state', (p) => xapi.createState({ agent: ids.agent, activityId: ids.activityId, stateId: p.id, state: p.content }),
        (id) => xapi.getState({ agent: ids.agent, activityId: ids.activityId, stateId: id })],
      ['activity profile', (p) => xapi.createActivityProfile({ activityId: ids.activityId, profileId: p.id, profile: p.content }),
        (id) => xapi.getActivityProfile({ activityId: ids.activityId, profileId: id })],
      ['agent profile', (p) => xapi.createAgentProfile({ agent: ids.agent, profileId: p.id, profile: p.content }),
        (id) => xapi.getAgentProfile({ agent: ids.agent, profileId: id })],
    ];
    for (const [kind, create, get] of merges) {
      const id = `interop-merge-${randomUUID()}`;
      const first = await attempt(() => create({ id, content: { a: 1, keep: { x: 'é' } } }));
      const second = await attempt(() => create({ id, content: { b: 2, keep: { y: true } } }));
      t.eq([first.status, second.status], [204, 204], `${kind}: two POSTs 204`);
      const got = await get(id);
      t.eq(got.data, { a: 1, keep: { y: true }, b: 2 }, `${kind}: merged top-level properties`);
    }
  });

  await step('state: delete all states of an activity and agent', async (t) => {
    const where = { agent: ids.agent, activityId: `${ids.activityId}/all-states` };
    for (const n of [1, 2]) await xapi.setState({ ...where, stateId: `s${n}`, state: { n } });
    const before = await xapi.getStates(where);
    t.eq([...before.data].sort(), ['s1', 's2'], 'two states listed');
    const removed = await attempt(() => xapi.deleteStates(where));
    t.eq(removed.status, 204, 'DELETE without stateId 204');
    const after = await xapi.getStates(where);
    t.eq(after.data, [], 'none left');
  });

  for (const doc of documents) {
    const docId = `interop-${randomUUID()}`;
    const at = { ...doc.where, ...doc.id(docId) };
    let etag;

    await step(`${doc.kind}: set, get (content and ETag)`, async (t) => {
      const content = jsonDocument(doc.kind);
      const created = await attempt(() => doc.set({ ...at, content, etag: '*', matchHeader: 'If-None-Match' }));
      t.eq(created.status, 204, 'PUT with If-None-Match: * creates it (204)');
      const sent = sentBytes(content);
      const got = await doc.get(at);
      t.eq(got.status, 200, 'GET 200');
      t.eq(got.data, content, 'the library reads back the same JSON');
      t.ok(receivedBytes(got).equals(sent), `body is ${sameBytes} what was sent (${sent.length} bytes)`);
      t.ok(got.headers['content-type']?.startsWith('application/json'), `Content-Type ${got.headers['content-type']}`);
      t.ok(!Number.isNaN(Date.parse(got.headers['last-modified'])), `Last-Modified ${got.headers['last-modified']}`);
      etag = got.headers.etag;
      checkETag(t, etag, sent, version);
      const again = await attempt(() => doc.set({ ...at, content, etag: '*', matchHeader: 'If-None-Match' }));
      t.eq(again.status, 412, 'a second If-None-Match: * is refused (412)');
      const listed = await doc.list(doc.where);
      t.ok(listed.data?.includes(docId), `the id list names it (${listed.data?.length} ids)`);
    });

    await step(`${doc.kind}: update with If-Match, stale ETag refused`, async (t) => {
      const content = { ...jsonDocument(doc.kind), progress: 1, done: true };
      const updated = await attempt(() => doc.set({ ...at, content, etag, matchHeader: 'If-Match' }));
      t.eq(updated.status, 204, 'PUT with If-Match: current ETag 204');
      const sent = sentBytes(content);
      const got = await doc.get(at);
      t.ok(receivedBytes(got).equals(sent), `GET returns the new content (${sameBytes})`);
      t.ok(got.headers.etag && got.headers.etag !== etag, `ETag changed to ${got.headers.etag}`);
      checkETag(t, got.headers.etag, sent, version);
      const stale = await attempt(() => doc.set({ ...at, content: { overwritten: true }, etag, matchHeader: 'If-Match' }));
      t.eq(stale.status, 412, 'PUT with the old ETag is refused (412)');
      const after = await doc.get(at);
      t.ok(receivedBytes(after).equals(sent) && after.headers.etag === got.headers.etag, 'and the document and its ETag are unchanged');
      etag = got.headers.etag;
    });

    await step(`${doc.kind}: delete`, async (t) => {
      const removed = await attempt(() => doc.remove({ ...at, etag }));
      t.eq(removed.status, 204, 'DELETE with If-Match: current ETag 204');
      const gone = await attempt(() => doc.get(at));
      t.eq(gone.status, 404, 'GET afterwards 404');
    });
  }

  if (!tapped) return;

  await step('state: binary document round-trips', async (t) => {
    const at = { agent: ids.agent, activityId: ids.activityId, stateId: `interop-binary-${randomUUID()}` };
    const bytes = binaryPayload(2048);
    const put = await attempt(() => xapi.setState({ ...at, state: bytes, contentType: 'application/octet-stream' }));
    t.eq(put.status, 204, 'PUT application/octet-stream 204');
    const got = await xapi.getState(at);
    t.ok(wire.last.responseBody.equals(Buffer.from(bytes)), `GET returns the ${bytes.length} bytes unchanged`);
    t.ok(got.headers['content-type']?.startsWith('application/octet-stream'), `Content-Type ${got.headers['content-type']}`);
    checkETag(t, got.headers.etag, Buffer.from(bytes), version);
    const removed = await attempt(() => xapi.deleteState(at));
    t.eq(removed.status, 204, 'DELETE 204');
  });

  const attachmentIds = identities(`${scope} attachments`);
  const bytes = binaryPayload();
  const sha2 = sha256(bytes);
  let attachedId;

  await step('statement with a binary attachment (multipart/mixed)', async (t) => {
    const statement = {
      ...statementJson(attachmentIds, verbs.attached, 0),
      attachments: [{
        usageType: XAPI.AttachmentUsages.SUPPORTING_MEDIA,
        display: { 'en-US': 'binary evidence' },
        contentType: 'application/octet-stream',
        length: bytes.length,
        sha2,
      }],
    };
    const sent = await xapi.sendStatement({ statement, attachments: [bytes.buffer] });
    t.ok(String(wire.last.requestHeaders['Content-Type']).startsWith('multipart/mixed'), 'the library sent multipart/mixed');
    t.eq(sent.status, 200, 'POST 200');
    attachedId = sent.data?.[0];
    t.ok(uuid.test(attachedId ?? ''), `the LRS answered an id (${attachedId})`);
  });

  await step('read the attachment back with attachments=true', async (t) => {
    const got = await xapi.getStatement({ statementId: attachedId, attachments: true });
    const contentType = got.headers['content-type'];
    t.ok(contentType?.startsWith('multipart/mixed') && contentType.includes('boundary='), `Content-Type ${contentType}`);
    t.eq(got.data?.[0]?.id, attachedId, 'the library parses the statement part');
    t.eq(got.data?.[0]?.attachments?.[0]?.sha2, sha2, 'which carries the attachment metadata');
    const parts = parseMultipart(contentType, wire.last.responseBody);
    t.eq(parts.length, 2, 'two parts: statement and attachment');
    t.ok(parts[0]?.headers['content-type']?.startsWith('application/json'), 'first part is application/json');
    t.eq(parts[1]?.headers['x-experience-api-hash'], sha2, 'attachment part names its SHA-256');
    t.eq(parts[1]?.headers['content-transfer-encoding'], 'binary', 'Content-Transfer-Encoding: binary');
    t.ok(parts[1]?.body.equals(Buffer.from(bytes)), `attachment is byte-for-byte what was sent (${bytes.length} bytes)`);
  });

  // With two or more parts @xapi/xapi (like TinCanJS) writes each next boundary straight after the previous
  // attachment's bytes, without the CRLF that RFC 2046 makes part of the delimiter. The LRS accepts that on purpose
  // (src/Lrs.Server/Xapi/MultipartBody.cs); this step holds it to it, with a first part that itself ends in CRLF.
  await step('one statement with two attachment parts (the client omits the CRLF before each boundary)', async (t) => {
    const twoIds = identities(`${scope} two attachments`);
    const first = Buffer.concat([Buffer.from(binaryPayload(2048)), Buffer.from('\r\n')]);
    const second = Buffer.from(binaryPayload(3000));
    const meta = (content) => ({
      usageType: XAPI.AttachmentUsages.SUPPORTING_MEDIA,
      display: { 'en-US': 'two-part evidence' },
      contentType: 'application/octet-stream',
      length: content.length,
      sha2: sha256(content),
    });
    const statement = { ...statementJson(twoIds, verbs.attached, 0), attachments: [meta(first), meta(second)] };
    const sent = await xapi.sendStatement({ statement, attachments: [new Blob([first]), new Blob([second])] });
    t.eq(sent.status, 200, 'POST multipart/mixed with two parts 200');
    const got = await xapi.getStatement({ statementId: sent.data?.[0], attachments: true });
    const parts = parseMultipart(got.headers['content-type'], wire.last.responseBody);
    t.eq(parts.length, 3, 'the statement and both attachments come back');
    const byHash = Object.fromEntries(parts.slice(1).map((p) => [p.headers['x-experience-api-hash'], p.body]));
    t.ok(byHash[sha256(first)]?.equals(first), `the first attachment, ending in CRLF, is byte-for-byte intact (${first.length} bytes)`);
    t.ok(byHash[sha256(second)]?.equals(second), `the second attachment is byte-for-byte intact (${second.length} bytes)`);
  });

  await step('batch of two statements sharing one 1 MiB attachment part', async (t) => {
    const batchIds = identities(`${scope} attachment batch`);
    const content = binaryPayload(1024 * 1024);
    const statements = [0, 1].map((n) => ({
      ...statementJson(batchIds, verbs.attached, n),
      attachments: [{
        usageType: XAPI.AttachmentUsages.SUPPORTING_MEDIA,
        display: { 'en-US': 'shared evidence' },
        contentType: 'application/octet-stream',
        length: content.length,
        sha2: sha256(content),
      }],
    }));
    // The library pairs the i-th buffer with the i-th attachment listed across the batch; one buffer covers both.
    const sent = await xapi.sendStatements({ statements, attachments: [content.buffer] });
    t.eq([sent.status, sent.data?.length], [200, 2], 'POST multipart/mixed 200 with two ids');
    const got = await xapi.getStatements({ registration: batchIds.registration, attachments: true });
    const parts = parseMultipart(got.headers['content-type'], wire.last.responseBody);
    t.eq(got.data?.[0]?.statements?.map((s) => s.id).sort(), [...(sent.data ?? [])].sort(), 'attachments=true query returns both statements');
    t.eq(parts.length, 2, 'one JSON part and one attachment part (sent once for both)');
    t.eq(parts[1]?.headers['x-experience-api-hash'], sha256(content), 'the part names the shared hash');
    t.ok(parts[1]?.body.equals(Buffer.from(content)), `the ${content.length}-byte attachment comes back byte-for-byte`);
  });

  await step('query with attachments=true', async (t) => {
    const got = await xapi.getStatements({ registration: attachmentIds.registration, attachments: true });
    const parts = parseMultipart(got.headers['content-type'], wire.last.responseBody);
    t.eq(got.data?.[0]?.statements?.map((s) => s.id), [attachedId], 'the library parses a StatementResult holding the statement');
    t.eq(parts.length, 2, 'two parts');
    t.ok(parts[1]?.body.equals(Buffer.from(bytes)), 'attachment bytes intact');
  });
}
