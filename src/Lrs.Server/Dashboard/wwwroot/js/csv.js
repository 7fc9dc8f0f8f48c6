// CSV downloads: the rows the page shows, with the values exactly as the API gave them (RFC 4180 quoting).
function cell(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text from column definitions [{key, label}] (key: a property name or a function of the row) and rows. */
export function toCsv(columns, rows) {
  const head = columns.map((c) => cell(c.label)).join(',');
  const body = rows.map((r) => columns.map((c) => cell(typeof c.key === 'function' ? c.key(r) : r[c.key])).join(','));
  return [head, ...body].join('\r\n') + '\r\n';
}

export function download(filename, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(filename, columns, rows) {
  download(filename, toCsv(columns, rows), 'text/csv;charset=utf-8');
}

/** A file name from a view and its filters: "overview-safety-at-work-2026-01-05-2026-03-01.csv". */
export function fileName(view, parts, extension) {
  const slug = [view, ...parts.filter(Boolean)]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}.${extension}`;
}
