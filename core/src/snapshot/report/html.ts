/** Text as HTML: the report holds data from connected systems, which must never become markup. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A relative link to a bundle path from report/index.html; each segment is URL-escaped. */
export function bundleHref(path: string): string {
  return `../${path.split('/').map(encodeURIComponent).join('/')}`;
}

export function link(path: string, label: string): string {
  return `<a href="${escapeHtml(bundleHref(path))}">${escapeHtml(label)}</a>`;
}
