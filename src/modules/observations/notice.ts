// The release notice (解除医学观察告知书) as a print-styled page; the browser prints it or saves a PDF.
import type { ObservationView } from './schemas';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function releaseNoticeHtml(o: ObservationView, releasedDay: string): string {
  const kind = o.kind === 'centralised' ? '集中医学观察' : '居家医学观察';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>解除医学观察告知书</title>
<style>
  @page { size: A4; margin: 25mm 20mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; font-size: 16pt; line-height: 2; color: #000; max-width: 170mm; margin: 0 auto; }
  h1 { text-align: center; font-size: 22pt; letter-spacing: 0.2em; margin: 1em 0; }
  .field { text-decoration: underline; padding: 0 0.3em; }
  .sign { margin-top: 3em; text-align: right; }
  @media screen { body { padding: 2em; background: #fff; } .hint { color: #888; font-size: 11pt; } }
  @media print { .hint { display: none; } }
</style></head>
<body>
<p class="hint">按 Ctrl+P 打印或另存为 PDF / Press Ctrl+P to print or save as PDF</p>
<h1>解除医学观察告知书</h1>
<p><span class="field">${escape(o.person.name)}</span>（证件号码：<span class="field">${escape(o.person.documentNumber)}</span>）：</p>
<p>　　您自<span class="field">${chineseDate(o.startDay)}</span>起在<span class="field">${escape(o.unit.name)}</span>接受${kind}，
至<span class="field">${chineseDate(o.endDay)}</span>观察期满，期间健康监测情况已核实。根据疫情防控有关规定，
自<span class="field">${chineseDate(releasedDay)}</span>起解除医学观察。</p>
<p>　　解除医学观察后，请继续做好个人防护，如出现发热、咳嗽等症状，请及时到发热门诊就诊并主动告知旅居史。</p>
<p class="sign">${escape(o.unit.name)}<br>${chineseDate(releasedDay)}</p>
<p class="hint">编号 No. ${escape(o.id)}</p>
</body></html>`;
}
