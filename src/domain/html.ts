// Text put into HTML that a library renders as markup (chart tooltips): escaped so that a name
// like `<img src=x onerror=…>` shows as text and never runs.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}
