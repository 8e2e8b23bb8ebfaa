/**
 * The report as one self-contained HTML file: no script, no font, no image
 * from the network (a Content-Security-Policy says so), charts as inline
 * SVG. Summary cards, deadlines, findings by surface and severity, cost
 * before/after, then every finding with its source lines and its planned
 * change or the reason a person decides. Elements that carry a count have a
 * `data-count` attribute, so a test (or a script) can read them back.
 */
import type { Severity } from '../catalog/index.js';
import type { CostReport } from './cost.js';
import type { PricedReport, ReportError, ReportFinding } from './model.js';
import {
  costNotes,
  countsByRole,
  countsBySurface,
  deadlines,
  fileLink,
  headline,
  money,
  moneyDelta,
  reasonOf,
  roleLabel,
  severities,
  surfaceLabel,
  titleOf,
  totalsRow,
  type SurfaceRow,
} from './present.js';

const colour: Record<Severity | 'auto' | 'manual' | 'before' | 'after', string> = {
  error: '#cf222e',
  warning: '#bf8700',
  info: '#0969da',
  auto: '#1a7f37',
  manual: '#8250df',
  before: '#8c959f',
  after: '#0969da',
};

/** Above this many findings, file groups start folded. */
const OPEN_LIMIT = 300;

export function formatHtml(report: PricedReport): string {
  const s = report.summary;
  const title = `Image model migration: ${titleOf(report)}`;
  const body = [
    `<header><h1>${esc(title)}</h1><p class="lede">${headline(s, (t) => `<code>${esc(t)}</code>`)}</p>`,
    `<p class="meta">Scanned <b data-count="files-scanned">${s.filesScanned}</b> files (${s.filesParsed} parsed as code) on <b>${esc(report.now)}</b>; calls move to <code>${esc(report.target)}</code>.</p></header>`,
    cards(report),
    report.repositories ? repositories(report) : '',
    deadlineSection(report),
    charts(report),
    dependencySection(report),
    costSection(report.cost, report),
    findingsSection(report),
    problems('Files that could not be processed', 'errors', report.errors, 'The run went on without them; fix the cause and run the audit again.'),
    problems('Skipped on purpose', 'skipped', report.skipped, 'Not errors: these paths are passed over by design.'),
    `<footer>${esc(report.tool.name)} ${esc(report.tool.version)} · now ${esc(report.now)} · target ${esc(report.target)} · tier map ${esc(
      Object.entries(report.tierMap)
        .map(([q, t]) => `${q}=${t}`)
        .join(','),
    )}</footer>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${esc(report.tool.name)} ${esc(report.tool.version)}">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.filter(Boolean).join('\n')}
</main>
</body>
</html>
`;
}

function cards(report: PricedReport): string {
  const s = report.summary;
  const card = (key: string, value: number, label: string, tone: string) =>
    `<div class="card" style="--tone:${tone}" data-count="${key}"><b class="n">${value}</b><span>${esc(label)}</span></div>`;
  return `<section class="cards" aria-label="Summary">
${card('findings', s.findings, `finding${s.findings === 1 ? '' : 's'} in ${s.filesWithFindings} file${s.filesWithFindings === 1 ? '' : 's'}`, '#24292f')}
${card('error', s.bySeverity.error, 'errors: fail today', colour.error)}
${card('warning', s.bySeverity.warning, 'warnings: retiring soon', colour.warning)}
${card('info', s.bySeverity.info, 'info: documentation', colour.info)}
${card('auto', s.byFix.auto, 'fixed by gpt-image-migrate fix', colour.auto)}
${card('manual', s.byFix.manual, 'for a person to decide', colour.manual)}
${card('errors', s.errors, 'files not processed', s.errors > 0 ? colour.error : '#8c959f')}
</section>`;
}

function repositories(report: PricedReport): string {
  const rows = report.repositories!.map((r) => {
    const x = r.summary;
    const sites = report.cost.callSites.filter((c) => c.repository === r.name && c.before.perImage !== null && c.after.perImage !== null);
    const before = sites.reduce((sum, c) => sum + c.before.perImage! * c.images, 0);
    const after = sites.reduce((sum, c) => sum + c.after.perImage! * c.images, 0);
    return `<tr data-repository="${esc(r.name)}"><th scope="row">${esc(r.name)}</th><td class="num">${x.findings}</td><td class="num">${x.bySeverity.error}</td><td class="num">${x.bySeverity.warning}</td><td class="num">${x.bySeverity.info}</td><td class="num">${x.byFix.auto}</td><td class="num">${x.byFix.manual}</td><td class="num">${x.errors}</td><td class="num">${sites.length > 0 ? `${money(before)} → ${money(after)}` : '—'}</td><td>${esc(r.now)}</td></tr>`;
  });
  return section(
    'Repositories',
    `<table><thead><tr><th>repository</th><th class="num">findings</th><th class="num">error</th><th class="num">warning</th><th class="num">info</th><th class="num">auto</th><th class="num">manual</th><th class="num">not processed</th><th class="num">cost per image set</th><th>audited</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function deadlineSection(report: PricedReport): string {
  const models = deadlines(report);
  if (models.length === 0) return '';
  const rows = models.map(
    (m) =>
      `<tr class="${m.shutDown ? 'dead' : 'soon'}"><th scope="row"><code>${esc(m.model)}</code></th><td>${esc(m.shutdownDate)}</td><td><span class="status">${m.shutDown ? 'shut down' : 'retiring'}</span> ${esc(m.text)}</td><td class="num">${m.findings}</td><td>${m.source.url ? `<a href="${esc(m.source.url)}">${esc(m.source.title)}</a>` : esc(m.source.title)}${m.source.retrieved ? ` (read ${esc(m.source.retrieved)})` : ''}</td></tr>`,
  );
  return section('Deadlines', `<table><thead><tr><th>model</th><th>shutdown</th><th>status on ${esc(report.now)}</th><th class="num">findings</th><th>source of the date</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
}

function charts(report: PricedReport): string {
  const bySurface = countsBySurface(report.findings);
  const roles = countsByRole(report.findings);
  return section(
    'Findings by surface and severity',
    `<div class="charts">
<figure>${surfaceChart(bySurface)}<figcaption>${legend(severities.map((sev) => [sev, colour[sev]]))}</figcaption></figure>
<figure>${donut(report)}<figcaption>${legend([
      ['auto', colour.auto],
      ['manual', colour.manual],
    ])}</figcaption></figure>
</div>
<div class="tables"><div><h3>By surface</h3>
<table><thead><tr><th>surface</th><th class="num">error</th><th class="num">warning</th><th class="num">info</th><th class="num">auto</th><th class="num">manual</th><th class="num">total</th></tr></thead><tbody>${bySurface
      .map(
        (r) =>
          `<tr data-surface="${esc(r.surface)}"><th scope="row">${esc(r.label)}</th>${severities.map((sev) => `<td class="num">${r.bySeverity[sev]}</td>`).join('')}<td class="num">${r.auto}</td><td class="num">${r.manual}</td><td class="num">${r.total}</td></tr>`,
      )
      .join('')}<tr class="total"><th scope="row">total</th>${severities.map((sev) => `<td class="num" data-count="total-${sev}">${report.summary.bySeverity[sev]}</td>`).join('')}<td class="num">${report.summary.byFix.auto}</td><td class="num">${report.summary.byFix.manual}</td><td class="num" data-count="total">${report.summary.findings}</td></tr></tbody></table></div>
<div><h3>What the findings are</h3>
<table><thead><tr><th>role</th><th class="num">auto</th><th class="num">manual</th><th class="num">total</th></tr></thead><tbody>${roles
      .map((r) => `<tr><th scope="row">${esc(r.label)}</th><td class="num">${r.auto}</td><td class="num">${r.manual}</td><td class="num">${r.total}</td></tr>`)
      .join('')}</tbody></table></div></div>`,
  );
}

/** Horizontal bars, one per surface, stacked by severity. */
function surfaceChart(rows: readonly SurfaceRow[]): string {
  if (rows.length === 0) return '<p class="empty">No findings.</p>';
  const labelWidth = 200;
  const barWidth = 330;
  const rowHeight = 30;
  const max = Math.max(...rows.map((r) => r.total));
  const height = rows.length * rowHeight + 10;
  const bars = rows.map((r, i) => {
    const y = 5 + i * rowHeight;
    let x = labelWidth;
    const segments = severities
      .filter((sev) => r.bySeverity[sev] > 0)
      .map((sev) => {
        const width = Math.max(2, (r.bySeverity[sev] / max) * barWidth);
        const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 10}" rx="2" fill="${colour[sev]}" data-surface="${esc(r.surface)}" data-severity="${sev}" data-value="${r.bySeverity[sev]}"><title>${esc(`${r.label}: ${r.bySeverity[sev]} ${sev}`)}</title></rect>`;
        x += width;
        return rect;
      });
    return `<text x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${esc(clip(r.label, 28))}</text>${segments.join('')}<text x="${(x + 6).toFixed(1)}" y="${y + rowHeight / 2 + 4}" class="value">${r.total}</text>`;
  });
  return `<svg viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" width="100%" role="img" aria-label="Findings by surface, stacked by severity">${bars.join('')}</svg>`;
}

/** Automatic vs manual, as a ring with the total in the middle. */
function donut(report: PricedReport): string {
  const { auto, manual } = report.summary.byFix;
  const total = auto + manual;
  const r = 60;
  const c = 2 * Math.PI * r;
  const autoLength = total === 0 ? 0 : (auto / total) * c;
  return `<svg viewBox="0 0 200 170" width="220" role="img" aria-label="${auto} automatic, ${manual} manual">
<circle cx="100" cy="80" r="${r}" fill="none" stroke="${total === 0 ? '#d0d7de' : colour.manual}" stroke-width="22"><title>${manual} for a person to decide</title></circle>
${auto > 0 ? `<circle cx="100" cy="80" r="${r}" fill="none" stroke="${colour.auto}" stroke-width="22" stroke-dasharray="${autoLength.toFixed(2)} ${(c - autoLength).toFixed(2)}" transform="rotate(-90 100 80)" data-value="${auto}"><title>${auto} fixed automatically</title></circle>` : ''}
<text x="100" y="78" text-anchor="middle" class="big">${total}</text><text x="100" y="96" text-anchor="middle" class="small">findings</text>
<text x="100" y="166" text-anchor="middle" class="small">${auto} auto · ${manual} manual</text>
</svg>`;
}

/** Grouped bars: cost of each surface's priced call sites before and after. */
function costChart(cost: CostReport): string {
  const entries = Object.entries(cost.bySurface).filter(([, t]) => t.priced > 0);
  if (entries.length === 0) return '';
  const max = Math.max(...entries.flatMap(([, t]) => [t.before, t.after]), 0.000001);
  const group = 150;
  const barW = 44;
  const chartH = 160;
  const width = Math.max(360, entries.length * group + 40);
  const bars = entries.map(([surface, t], i) => {
    const x0 = 30 + i * group;
    const bar = (value: number, x: number, kind: 'before' | 'after') => {
      const h = Math.max(1, (value / max) * chartH);
      return `<rect x="${x}" y="${(20 + chartH - h).toFixed(1)}" width="${barW}" height="${h.toFixed(1)}" rx="2" fill="${colour[kind]}" data-surface="${esc(surface)}" data-cost="${kind}" data-value="${value}"><title>${esc(`${surfaceLabel(surface)} ${kind}: ${money(value)}`)}</title></rect><text x="${x + barW / 2}" y="${(14 + chartH - h).toFixed(1)}" text-anchor="middle" class="small">${esc(money(value))}</text>`;
    };
    return `${bar(t.before, x0, 'before')}${bar(t.after, x0 + barW + 6, 'after')}<text x="${x0 + barW + 3}" y="${chartH + 38}" text-anchor="middle">${esc(clip(surfaceLabel(surface), 22))}</text>`;
  });
  return `<figure><svg viewBox="0 0 ${width} ${chartH + 50}" width="${Math.min(width, 720)}" role="img" aria-label="Cost per image set before and after, by surface"><line x1="20" y1="${20 + chartH}" x2="${width - 10}" y2="${20 + chartH}" stroke="#d0d7de"/>${bars.join('')}</svg><figcaption>${legend([
    ['before', colour.before],
    ['after', colour.after],
  ])}</figcaption></figure>`;
}

/** package.json versions that block gpt-image-2 (the planner's `dependency` findings), up front. */
function dependencySection(report: PricedReport): string {
  const list = report.findings.filter((f) => f.role === 'dependency');
  if (list.length === 0) return '';
  const rows = list.map(
    (f) => `<tr><td><span class="badge ${f.severity}">${f.severity}</span></td><td>${anchor(fileLink(report, f), `${f.repository !== undefined ? `${f.repository} · ` : ''}${f.file}:${f.line}`)}</td><td>${esc(f.message)}</td></tr>`,
  );
  return section(`Dependencies that block gpt-image-2 (${list.length})`, `<table><thead><tr><th>severity</th><th>where</th><th>what to do</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
}

function costSection(cost: CostReport, report: PricedReport): string {
  if (cost.callSites.length === 0) return section('Cost per image, before → after', '<p class="empty">No call site with a retired model to price.</p>');
  const rows = cost.callSites.map((site) => {
    const params = [site.before.quality, site.before.size, `${site.images} image${site.images === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
    const priced = site.before.perImage !== null && site.after.perImage !== null;
    const change = priced ? moneyDelta(site.before.perImage!, site.after.perImage!) : 'not priced';
    const cls = priced ? (site.after.perImage! > site.before.perImage! ? 'up' : site.after.perImage! < site.before.perImage! ? 'down' : '') : 'unpriced';
    const price = (side: typeof site.before) => (side.perImage === null ? `<span class="unpriced" title="${esc(side.unpriced ?? '')}">—</span>` : esc(money(side.perImage)));
    return `<tr><td>${anchor(fileLink(report, site), whereOf(site))}</td><td>${esc(surfaceLabel(site.surface))}</td><td><code>${esc(site.before.model)}</code> → <code>${esc(site.after.model)}</code></td><td>${esc(params)}${site.after.tier ? ` → <b>${esc(site.after.tier)}</b>` : ''}</td><td class="num">${price(site.before)}</td><td class="num">${price(site.after)}</td><td class="num ${cls}">${esc(change)}</td></tr>`;
  });
  const surfaceRows = Object.entries(cost.bySurface).map(([surface, t]) => {
    const r = totalsRow(t);
    return `<tr data-surface="${esc(surface)}"><th scope="row">${esc(surfaceLabel(surface))}</th><td class="num">${t.callSites}</td><td class="num">${t.priced}</td><td class="num">${esc(r.before)}</td><td class="num">${esc(r.after)}</td><td class="num">${esc(r.change)}</td></tr>`;
  });
  const total = totalsRow(cost.total);
  const notes = costNotes(cost);
  return section(
    'Cost per image, before → after',
    `${costChart(cost)}
<table><thead><tr><th>call site</th><th>surface</th><th>model</th><th>priced as</th><th class="num">before</th><th class="num">after</th><th class="num">change</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<h3>Totals: each priced call site called once (price per image × images per call)</h3>
<table class="compact"><thead><tr><th>surface</th><th class="num">call sites</th><th class="num">priced</th><th class="num">before</th><th class="num">after</th><th class="num">change</th></tr></thead><tbody>${surfaceRows.join('')}<tr class="total"><th scope="row">total</th><td class="num" data-count="call-sites">${cost.total.callSites}</td><td class="num">${cost.total.priced}</td><td class="num" data-count="cost-before">${esc(total.before)}</td><td class="num" data-count="cost-after">${esc(total.after)}</td><td class="num">${esc(total.change)}</td></tr></tbody></table>
<p class="note">Prices in USD per image from ${cost.overrides ? `<code>${esc(cost.overrides)}</code> over the built-in tables` : "the reference's tables"}:</p>
<ul class="note">${cost.tables.map((t) => `<li><code>${esc(t.key)}</code>: ${esc(t.source)} (${esc(t.date)}${t.origin === 'built-in' ? '' : `, from ${esc(t.origin)}`})</li>`).join('')}</ul>
${notes.length > 0 ? `<p class="note">Assumptions:</p><ul class="note">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`,
  );
}

function findingsSection(report: PricedReport): string {
  if (report.findings.length === 0) return section('Findings', '<p class="empty">No findings: nothing in the scanned files uses a retired image model.</p>');
  const groups = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const key = `${f.repository ?? ''}\0${f.file}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const open = report.findings.length <= OPEN_LIMIT ? ' open' : '';
  const files = [...groups.values()].map((list) => {
    const first = list[0];
    const counts = severities
      .map((sev) => [sev, list.filter((f) => f.severity === sev).length] as const)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `<span class="pill ${sev}">${n} ${sev}${n === 1 || sev === 'info' ? '' : 's'}</span>`)
      .join('');
    const repo = first.repository !== undefined ? `<span class="repo">${esc(first.repository)}</span> ` : '';
    return `<details class="file"${open}><summary>${repo}<code>${esc(first.file)}</code> ${counts}</summary>${list.map((f) => finding(report, f)).join('')}</details>`;
  });
  return section(`Findings (${report.findings.length})`, files.join('\n'));
}

function finding(report: PricedReport, f: ReportFinding): string {
  const snippetLines = f.snippet.text.split('\n');
  const snippet = snippetLines.map((line, i) => `<span class="ln">${f.snippet.line + i}</span>${esc(line)}`).join('\n');
  const at = f.message.indexOf('Not rewritten: ');
  const head = f.fix === 'manual' && at >= 0 ? f.message.slice(0, at).trim() : f.message;
  let change = '';
  if (f.fix === 'auto') {
    change = f.change
      ? `<div class="change"><div><span class="label">before</span><pre class="before">${esc(f.change.before)}</pre></div><div class="arrow">→</div><div><span class="label">after</span><pre class="after">${f.change.after ? esc(f.change.after) : '<i>(removed)</i>'}</pre></div></div>`
      : '';
  } else {
    if (at >= 0) change = `<p class="reason"><b>Why a person decides:</b> ${esc(reasonOf(f))}</p>`;
    if (f.suggestion) {
      change += `<p class="suggestion"><b>Suggested:</b> ${esc(f.suggestion)}${f.change ? ` <code>${esc(f.change.before)}</code> → <code>${esc(f.change.after)}</code>` : ''}</p>`;
    }
  }
  return `<article class="finding ${f.severity}" data-severity="${f.severity}" data-fix="${f.fix}" data-rule="${esc(f.rule)}">
<header><span class="badge ${f.severity}">${f.severity}</span><span class="badge ${f.fix}">${f.fix === 'auto' ? 'auto-fix' : 'manual'}</span>${anchor(fileLink(report, f), `${f.file}:${f.line}:${f.column}`)}<span class="tags">${esc(roleLabel(f.role))} · ${esc(surfaceLabel(f.surface))} · ${esc(f.rule)}</span></header>
<p class="message">${esc(head)}</p>
<pre class="snippet">${snippet}</pre>
${change}
</article>`;
}

function problems(title: string, key: string, list: readonly ReportError[], note: string): string {
  if (list.length === 0) return '';
  const merged = list.some((p) => p.repository !== undefined);
  const rows = list.map((p) => `<tr>${merged ? `<td>${esc(p.repository ?? '')}</td>` : ''}<td><code>${esc(p.file)}</code></td><td>${esc(p.message)}</td></tr>`);
  return section(
    `${title} (<span data-count="${key}-listed">${list.length}</span>)`,
    `<p class="note">${esc(note)}</p><table><thead><tr>${merged ? '<th>repository</th>' : ''}<th>file</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    true,
  );
}

function section(title: string, content: string, titleIsHtml = false): string {
  return `<section><h2>${titleIsHtml ? title : esc(title)}</h2>\n${content}\n</section>`;
}

function legend(items: readonly (readonly [string, string])[]): string {
  return items.map(([label, fill]) => `<span class="key"><i style="background:${fill}"></i>${esc(label)}</span>`).join(' ');
}

function anchor(href: string | null, label: string): string {
  return href === null ? `<span class="where">${esc(label)}</span>` : `<a href="${esc(href)}">${esc(label)}</a>`;
}

function whereOf(site: { file: string; line: number; repository?: string }): string {
  return `${site.repository !== undefined ? `${site.repository} · ` : ''}${site.file}:${site.line}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:1200px;margin:0 auto;padding:28px 32px 48px}
h1{font-size:26px;margin:0 0 6px}
h2{font-size:19px;margin:34px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 8px}
.lede{font-size:16px;margin:0 0 4px}
.meta,.note,footer{color:var(--muted)}
code,pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--bg);padding:1px 4px;border-radius:4px}
.cards{display:grid;grid-template-columns:repeat(7,1fr);gap:10px;margin:20px 0 6px}
.card{border:1px solid var(--line);border-top:4px solid var(--tone);border-radius:8px;padding:10px 12px;background:#fff}
.card .n{display:block;font-size:28px;line-height:1.1;color:var(--tone)}
.card span{color:var(--muted);font-size:12.5px}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:var(--bg);font-weight:600;font-size:12.5px;color:var(--muted)}
table.compact{width:auto;min-width:50%}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td code{white-space:nowrap}
tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--line)}
tr.dead .status{background:${colour.error};color:#fff}
tr.soon .status{background:${colour.warning};color:#fff}
.status{border-radius:10px;padding:1px 8px;font-size:12px;margin-right:6px}
.charts{display:grid;grid-template-columns:2fr 1fr;gap:24px;align-items:start}
.charts figure:last-child{justify-self:center;text-align:center}
.tables{display:grid;grid-template-columns:1fr 1fr;gap:24px;align-items:start}
figure{margin:0}
figcaption{margin-top:4px;color:var(--muted)}
svg text{font:12.5px system-ui,sans-serif;fill:var(--fg)}
svg text.value{font-weight:600}
svg text.big{font-size:28px;font-weight:700}
svg text.small{font-size:11.5px;fill:var(--muted)}
.key{display:inline-flex;align-items:center;gap:5px;margin-right:14px}
.key i{display:inline-block;width:11px;height:11px;border-radius:2px}
td.up{color:${colour.error}}
td.down{color:${colour.auto}}
td.unpriced,.unpriced{color:var(--muted)}
details.file{border:1px solid var(--line);border-radius:8px;margin:10px 0;background:#fff}
details.file>summary{cursor:pointer;padding:8px 12px;background:var(--bg);border-radius:8px;font-weight:600}
details.file[open]>summary{border-bottom:1px solid var(--line);border-radius:8px 8px 0 0}
.repo{color:var(--muted);font-weight:600;margin-right:4px}
.pill{font-size:11.5px;border-radius:10px;padding:1px 8px;margin-left:6px;color:#fff;font-weight:600}
.pill.error{background:${colour.error}}.pill.warning{background:${colour.warning}}.pill.info{background:${colour.info}}
article.finding{padding:10px 14px;border-left:4px solid var(--line);margin:10px 12px}
article.finding.error{border-left-color:${colour.error}}article.finding.warning{border-left-color:${colour.warning}}article.finding.info{border-left-color:${colour.info}}
article header{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
article header a,article header .where{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px;color:#0969da;text-decoration:none}
.tags{color:var(--muted);font-size:12.5px}
.badge{font-size:11px;text-transform:uppercase;letter-spacing:.03em;border-radius:4px;padding:1px 6px;color:#fff;font-weight:700}
.badge.error{background:${colour.error}}.badge.warning{background:${colour.warning}}.badge.info{background:${colour.info}}
.badge.auto{background:${colour.auto}}.badge.manual{background:${colour.manual}}
.message{margin:6px 0}
pre{margin:6px 0;padding:8px 10px;background:var(--bg);border-radius:6px;overflow-x:auto;white-space:pre}
pre.snippet .ln{display:inline-block;min-width:3.2em;padding-right:10px;color:var(--muted);text-align:right;user-select:none}
.change{display:grid;grid-template-columns:1fr auto 1fr;gap:8px;align-items:center}
.change .label{font-size:11.5px;color:var(--muted);text-transform:uppercase}
.change .arrow{font-size:20px;color:var(--muted)}
pre.before{background:#ffebe9}pre.after{background:#dafbe1}
.reason,.suggestion{margin:6px 0}
.empty{color:var(--muted);font-style:italic}
footer{margin-top:40px;font-size:12.5px;border-top:1px solid var(--line);padding-top:10px}
@media (max-width:900px){.cards{grid-template-columns:repeat(3,1fr)}.charts,.tables{grid-template-columns:1fr}}
@media print{details.file{break-inside:avoid}}
`;
