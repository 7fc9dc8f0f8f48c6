// How numbers read on the page. Figures are shown as the API gives them, rounded only for display: the exact value
// stays in each <data value="..."> element (and in the CSV), so nothing is recomputed in the browser.
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const count = (n) => (n === null || n === undefined ? '–' : integer.format(n));

export const percent = (share) => (share === null || share === undefined ? '–' : `${oneDecimal.format(share * 100)} %`);

export const days = (d) => (d === null || d === undefined ? '–' : `${oneDecimal.format(d)} days`);

/** Minutes as "45 min", "3 h 59 min" or "2.4 days". */
export function minutes(m) {
  if (m === null || m === undefined) return '–';
  if (m < 60) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h ${Math.round(m % 60)} min`;
  return `${oneDecimal.format(m / 1440)} days`;
}

export function hours(h) {
  if (h === null || h === undefined) return '–';
  return h < 48 ? `${oneDecimal.format(h)} h` : `${integer.format(Math.floor(h / 24))} days`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export const date = (iso) => (iso ? dateFormat.format(new Date(iso)) : '–');
export const dateTime = (iso) => (iso ? `${dateTimeFormat.format(new Date(iso))} UTC` : '–');

/** The last path segment of an IRI, readable: ".../verbs/logged-in" -> "logged-in". */
export function shortIri(iri) {
  if (!iri) return '–';
  const trimmed = iri.replace(/[/#]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#'));
  return cut >= 0 ? trimmed.slice(cut + 1) : trimmed;
}

/** How an xAPI agent is shown: its name, else its identifier. */
export function agentName(agent) {
  if (!agent) return 'Unknown';
  return agent.name ?? agentId(agent);
}

export function agentId(agent) {
  if (!agent) return '';
  if (agent.mbox) return agent.mbox.replace(/^mailto:/, '');
  if (agent.account) return `${agent.account.name} (${agent.account.homePage})`;
  return agent.openid ?? agent.mbox_sha1sum ?? '';
}

/** The identifying part of an agent, as the API's agent parameter wants it. */
export function agentKey(agent) {
  const { mbox, mbox_sha1sum: sha1, openid, account } = agent ?? {};
  if (mbox) return { mbox };
  if (sha1) return { mbox_sha1sum: sha1 };
  if (openid) return { openid };
  if (account) return { account };
  return null;
}

/** Text for ECharts' HTML tooltips: names come from statements, so they are escaped. */
export const esc = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
