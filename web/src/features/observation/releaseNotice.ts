/** The release notice (解除医学观察告知书): the server renders it as a print-styled page; the session cookie goes along to the new tab. */
export function openNotice(observationId: string): void {
  window.open(`/api/observations/${encodeURIComponent(observationId)}/notice`, '_blank');
}
