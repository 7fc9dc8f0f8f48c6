// The LRS driven through TinCanJS (Rustici). In Node it talks through xhr2 with callbacks only, and it refuses
// version '1.0.3' (its newest is 1.0.2, which it sends by default and which the LRS serves as 1.0.x). It turns
// request bodies into UTF-8 strings, so it carries text attachments only; binary attachments and documents are
// tested with @xapi/xapi.
import TinCan from 'tincanjs';
import { randomUUID } from 'node:crypto';
import { identities, jsonDocument, statementJson, verbs } from './fixtures.mjs';
import { sha1 } from './wire.mjs';
import { checkETag } from './etag.mjs';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Calls a TinCanJS method that takes cfg.callback and resolves with { err, result, xhr }. Methods that parse the
 * response hand the callback a parsed object and return the xhr; the others hand the callback the xhr itself.
 */
function call(invoke) {
  return new Promise((resolve) => {
    const box = {};
    box.returned = invoke((err, result) => setImmediate(() => {
      const xhr = typeof box.returned?.getResponseHeader === 'function' ? box.returned : result;
      resolve({ err, result, xhr, status: xhr?.status });
    }));
  });
}

export async function runTinCan(report, { endpoint, key, secret }) {
  const lrs = new TinCan.LRS({ endpoint, username: key, password: secret, allowFail: false });
  const scope = `tincanjs ${lrs.version}`;
  const ids = identities(scope);
  const agent = new TinCan.Agent(ids.agent);
  const activity = new TinCan.Activity({ id: ids.activityId });
  const step = (name, fn) => report.step(scope, name, fn);
  const written = [];

  await step('about lists 1.0.3', async (t) => {
    const { err, result } = await call((callback) => lrs.about({ callback }));
    t.eq(err, null, 'GET about succeeded');
    t.ok(result?.version?.includes('1.0.3'), `versions ${JSON.stringify(result?.version)} hold 1.0.3`);
  });

  const readBack = async (t, id, json) => {
    const { err, result, xhr } = await call((callback) => lrs.retrieveStatement(id, { callback }));
    t.eq([err, xhr?.status], [null, 200], 'GET by statementId 200');
    t.eq(result?.id, id, 'the statement read back has that id');
    t.eq([result?.actor?.mbox, result?.verb?.id, result?.target?.id], [json.actor.mbox, json.verb.id, json.object.id], 'actor, verb and object round-trip');
    t.eq(result?.context?.registration, ids.registration, 'registration round-trips');
    t.ok(result?.stored && result?.authority, 'stored and authority were set by the LRS');
  };

  await step('save one statement (PUT with the id TinCanJS stamps)', async (t) => {
    const json = statementJson(ids, verbs.experienced, 0);
    const statement = new TinCan.Statement(json);
    const { err, xhr } = await call((callback) => lrs.saveStatement(statement, { callback }));
    t.eq([err, xhr?.status], [null, 204], 'PUT statements?statementId= 204');
    t.ok(xhr?.getResponseHeader('X-Experience-API-Version')?.startsWith('1.0.'), `response names version ${xhr?.getResponseHeader('X-Experience-API-Version')}`);
    written.push(statement.id);
    await readBack(t, statement.id, json);
  });

  await step('save one statement (POST, id assigned by the LRS)', async (t) => {
    const json = statementJson(ids, verbs.experienced, 1);
    const statement = new TinCan.Statement(json, { doStamp: false });
    const { err, xhr } = await call((callback) => lrs.saveStatement(statement, { callback }));
    t.eq([err, xhr?.status], [null, 200], 'POST statements 200');
    const answered = JSON.parse(xhr?.responseText ?? 'null');
    t.ok(answered?.length === 1 && uuid.test(answered[0]), `the LRS answered one UUID (${answered?.[0]})`);
    written.push(answered?.[0]);
    await readBack(t, answered?.[0], json);
  });

  await step('save a batch of five', async (t) => {
    const statements = [2, 3, 4, 5, 6].map((n) => new TinCan.Statement(statementJson(ids, verbs.answered, n)));
    const { err, xhr } = await call((callback) => lrs.saveStatements(statements, { callback }));
    t.eq([err, xhr?.status], [null, 200], 'POST statements (array) 200');
    const answered = JSON.parse(xhr?.responseText ?? 'null');
    t.eq(answered, statements.map((s) => s.id), 'the LRS answered the five stamped ids in order');
    written.push(...statements.map((s) => s.id));
  });

  await step('query with limit=2, ascending, and follow more to the end', async (t) => {
    const seen = [];
    const stored = [];
    let page = await call((callback) => lrs.queryStatements({ params: { registration: ids.registration, limit: 2, ascending: true }, callback }));
    t.ok(page.xhr?.getResponseHeader('X-Experience-API-Consistent-Through'), 'X-Experience-API-Consistent-Through present');
    let pages = 0;
    let oversized = 0;
    for (;;) {
      if (page.err !== null) throw new Error(`page ${pages + 1} failed with ${page.err}`);
      pages += 1;
      if (page.result.statements.length > 2) oversized += 1;
      seen.push(...page.result.statements.map((s) => s.id));
      stored.push(...page.result.statements.map((s) => Date.parse(s.stored)));
      if (!page.result.more || pages > 20) break;
      const more = page.result.more;
      page = await call((callback) => lrs.moreStatements({ url: more, callback }));
    }
    t.ok(stored.every((v, i) => i === 0 || stored[i - 1] <= v), 'oldest first across pages (ascending=true)');
    t.eq(oversized, 0, 'no page holds more than 2 statements');
    t.eq(pages, Math.ceil(written.length / 2), `${pages} pages for ${written.length} statements`);
    t.eq(seen.length, written.length, `${seen.length} statements seen`);
    t.eq(new Set(seen).size, seen.length, 'none seen twice');
    t.eq([...seen].sort(), [...written].sort(), 'exactly the statements this run wrote');
  });

  await step('query by agent and verb', async (t) => {
    const answered = written.slice(2);
    const page = await call((callback) => lrs.queryStatements({ params: { agent, verb: new TinCan.Verb(verbs.answered) }, callback }));
    t.eq(page.err, null, 'GET statements?agent=...&verb=... 200');
    t.eq(page.result?.statements?.map((s) => s.id).sort(), [...answered].sort(), `exactly the ${answered.length} 'answered' statements of this agent`);
  });

  await step('retrieve an activity', async (t) => {
    const id = `${ids.activityId}/page-2`;
    const { err, result } = await call((callback) => lrs.retrieveActivity(id, { callback }));
    t.eq([err, result?.id], [null, id], 'GET activities 200 with the id');
    t.eq(result?.definition?.name?.['en-US'], 'Page 2', 'the definition learnt from statements');
  });

  await step('void a statement and retrieve it as voided', async (t) => {
    const target = written[0];
    const voiding = new TinCan.Statement({
      actor: ids.agent,
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: target },
    });
    const saved = await call((callback) => lrs.saveStatement(voiding, { callback }));
    t.eq([saved.err, saved.status], [null, 204], 'PUT voiding statement 204');
    const got = await call((callback) => lrs.retrieveVoidedStatement(target, { callback }));
    t.eq([got.err, got.result?.id], [null, target], 'GET voidedStatementId returns it');
    const plain = await call((callback) => lrs.retrieveStatement(target, { callback }));
    t.eq(plain.err, 404, 'GET statementId now 404');
  });

  await step('statement with a UTF-8 text attachment (multipart/mixed), read back with attachments=true', async (t) => {
    // TinCanJS in Node turns the multipart body into a UTF-8 string before sending, so only text survives it.
    const text = 'Certificate for Zoë Ångström — 学習 ✓\nsecond line\n';
    const attachmentIds = identities(`${scope} attachments`);
    const statement = new TinCan.Statement({
      ...statementJson(attachmentIds, verbs.attached, 0),
      attachments: [new TinCan.Attachment({
        usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion',
        display: { 'en-US': 'certificate' },
        contentType: 'text/plain; charset=utf-8',
        content: text,
      })],
    });
    const saved = await call((callback) => lrs.saveStatement(statement, { callback }));
    t.eq([saved.err, saved.status], [null, 204], 'PUT multipart/mixed 204');
    const got = await call((callback) => lrs.retrieveStatement(statement.id, { params: { attachments: true }, callback }));
    t.eq([got.err, got.xhr?.status], [null, 200], 'GET attachments=true 200');
    t.ok(got.xhr?.getResponseHeader('Content-Type')?.startsWith('multipart/mixed'), `Content-Type ${got.xhr?.getResponseHeader('Content-Type')}`);
    t.eq(got.result?.id, statement.id, 'TinCanJS parses the statement part');
    const content = got.result?.attachments?.[0]?.content;
    t.ok(content && Buffer.from(content).equals(Buffer.from(text, 'utf8')), `TinCanJS matched the part by its hash and its bytes are what was sent (${Buffer.byteLength(text)} bytes)`);
  });

  const documents = [
    {
      kind: 'state',
      cfg: { agent, activity, registration: ids.registration },
      save: (id, value, cfg) => lrs.saveState(id, value, cfg),
      retrieve: (id, cfg) => lrs.retrieveState(id, cfg),
      drop: (id, cfg) => lrs.dropState(id, cfg),
      list: (cfg) => lrs.retrieveStateIds(cfg),
    },
    {
      kind: 'activity profile',
      cfg: { activity },
      save: (id, value, cfg) => lrs.saveActivityProfile(id, value, cfg),
      retrieve: (id, cfg) => lrs.retrieveActivityProfile(id, cfg),
      drop: (id, cfg) => lrs.dropActivityProfile(id, cfg),
      list: (cfg) => lrs.retrieveActivityProfileIds(cfg),
    },
    {
      kind: 'agent profile',
      cfg: { agent },
      save: (id, value, cfg) => lrs.saveAgentProfile(id, value, cfg),
      retrieve: (id, cfg) => lrs.retrieveAgentProfile(id, cfg),
      drop: (id, cfg) => lrs.dropAgentProfile(id, cfg),
      list: (cfg) => lrs.retrieveAgentProfileIds(cfg),
    },
  ];

  await step('state, activity and agent profile: POST merges JSON documents', async (t) => {
    for (const doc of documents) {
      const id = `interop-merge-${randomUUID()}`;
      const post = (content, lastSHA1) => call((callback) => doc.save(id, content, { ...doc.cfg, contentType: 'application/json', method: 'POST', lastSHA1, callback }));
      const first = await post({ a: 1, keep: { x: 'é' } });
      // TinCanJS sends If-None-Match: * on profile writes without lastSHA1, so the second POST names the ETag.
      const current = await call((callback) => doc.retrieve(id, { ...doc.cfg, callback }));
      const second = await post({ b: 2, keep: { y: true } }, current.result?.etag);
      t.eq([first.status, second.status], [204, 204], `${doc.kind}: two POSTs 204`);
      const got = await call((callback) => doc.retrieve(id, { ...doc.cfg, callback }));
      t.eq(got.result?.contents, { a: 1, keep: { y: true }, b: 2 }, `${doc.kind}: merged top-level properties`);
    }
  });

  await step('state: drop all states of an activity and agent', async (t) => {
    const cfg = { agent, activity: new TinCan.Activity({ id: `${ids.activityId}/all-states` }) };
    for (const n of [1, 2]) await call((callback) => lrs.saveState(`s${n}`, { n }, { ...cfg, contentType: 'application/json', callback }));
    const before = await call((callback) => lrs.retrieveStateIds({ ...cfg, callback }));
    t.eq([...(before.result ?? [])].sort(), ['s1', 's2'], 'two states listed');
    const dropped = await call((callback) => lrs.dropState(null, { ...cfg, callback }));
    t.eq([dropped.err, dropped.status], [null, 204], 'DELETE without stateId 204');
    const after = await call((callback) => lrs.retrieveStateIds({ ...cfg, callback }));
    t.eq(after.result, [], 'none left');
  });

  for (const doc of documents) {
    const id = `interop-${randomUUID()}`;
    let etag;
    // TinCanJS hands back the text it decoded; re-encoding it as UTF-8 gives the bytes the LRS sent.
    const bytesOf = (xhr) => Buffer.from(xhr?.responseText ?? '', 'utf8');

    await step(`${doc.kind}: save, retrieve (content and ETag)`, async (t) => {
      const content = jsonDocument(doc.kind);
      const sent = Buffer.from(JSON.stringify(content), 'utf8');
      const saved = await call((callback) => doc.save(id, content, { ...doc.cfg, contentType: 'application/json', callback }));
      t.eq([saved.err, saved.status], [null, 204], 'PUT 204');
      const got = await call((callback) => doc.retrieve(id, { ...doc.cfg, callback }));
      t.eq([got.err, got.status], [null, 200], 'GET 200');
      t.eq(got.result?.contents, content, 'TinCanJS reads back the same JSON');
      t.ok(bytesOf(got.xhr).equals(sent), `body is byte-for-byte what was sent (${sent.length} bytes)`);
      etag = got.xhr?.getResponseHeader('ETag');
      checkETag(t, etag, sent, '1.0.x');
      t.eq(got.result?.etag, etag, 'TinCanJS took the ETag from the header');
      const listed = await call((callback) => doc.list({ ...doc.cfg, callback }));
      t.ok(listed.err === null && listed.result?.includes(id), `the id list names it (${listed.result?.length} ids)`);
    });

    await step(`${doc.kind}: update with If-Match, stale ETag refused`, async (t) => {
      const content = { ...jsonDocument(doc.kind), progress: 1, done: true };
      const sent = Buffer.from(JSON.stringify(content), 'utf8');
      const saved = await call((callback) => doc.save(id, content, { ...doc.cfg, contentType: 'application/json', lastSHA1: etag, callback }));
      t.eq([saved.err, saved.status], [null, 204], 'PUT with If-Match: current ETag 204');
      const got = await call((callback) => doc.retrieve(id, { ...doc.cfg, callback }));
      t.ok(bytesOf(got.xhr).equals(sent), 'GET returns the new bytes');
      const newTag = got.xhr?.getResponseHeader('ETag');
      t.ok(newTag && newTag !== etag, `ETag changed to ${newTag}`);
      t.eq(newTag, `"${sha1(sent)}"`, 'new ETag is the quoted SHA-1 of the new bytes');
      const stale = await call((callback) => doc.save(id, { overwritten: true }, { ...doc.cfg, contentType: 'application/json', lastSHA1: etag, callback }));
      t.eq(stale.status, 412, 'PUT with the old ETag is refused (412)');
      const after = await call((callback) => doc.retrieve(id, { ...doc.cfg, callback }));
      t.ok(bytesOf(after.xhr).equals(sent), 'and the document is unchanged');
      etag = newTag;
    });

    await step(`${doc.kind}: drop`, async (t) => {
      const dropped = await call((callback) => doc.drop(id, { ...doc.cfg, requestHeaders: etag ? { 'If-Match': etag } : {}, callback }));
      t.eq([dropped.err, dropped.status], [null, 204], 'DELETE with If-Match: current ETag 204');
      const gone = await call((callback) => doc.retrieve(id, { ...doc.cfg, callback }));
      t.eq([gone.err, gone.status, gone.result], [null, 404, null], 'GET afterwards 404 (TinCanJS answers null)');
    });
  }
}
