/**
 * The review page's script, inlined as text. Plain ES2017 without template literals so it can
 * live in a TypeScript string. The page embeds only a small header; the report list arrives in
 * chunk scripts (review/list-*.js, one call per report) loaded one after another, the list drawn
 * from the first chunk on as a virtual list (only the visible rows exist in the DOM, so 50,000
 * reports cost what 40 do); a report's details come from its detail chunk when it is opened.
 */
export const CLIENT_JS = String.raw`
(function () {
'use strict';
var T0 = performance.now();
var D = JSON.parse(document.getElementById('xxgk-data').textContent);
var T1 = performance.now();
var R = [], CODES = D.codes, LABELS = D.labels, DET = {};
// Chunk scripts call these: one report summary per call, one report detail per call.
window.xxgk = { l: function (s) { R.push(s); }, d: function (i, d) { DET[i] = d; } };
function loadScript(src, done) {
  var s = document.createElement('script');
  s.src = src;
  s.onload = function () { done(true); };
  s.onerror = function () { done(false); };
  document.body.appendChild(s);
}
var ROW_H = 26;
var STATUS_RANK = { failed: 0, unsupported: 1, partial: 2, ok: 3 };
// Table headings and numerals come with the layouts (from the table specs).
var TITLES = D.layouts.titles, CN = D.layouts.numerals;
function $(id) { return document.getElementById(id); }
function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
function base(f) { var i = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')); return f.slice(i + 1); }
function needsReview(r) { return r.st !== 'ok' || r.nf > 0 || r.nl > 0; }

// ---- list ---------------------------------------------------------------------------------
var COLS = [
  { k: 'st', label: 'status', w: '92px', get: function (r) { return STATUS_RANK[r.st]; }, html: function (r) { return '<span class="st st-' + esc(r.st) + '">' + esc(r.st) + '</span>'; } },
  { k: 'f', label: 'file', w: 'minmax(180px,2.2fr)', get: function (r) { return base(r.f).toLowerCase(); }, html: function (r) { return '<span title="' + esc(r.f) + '">' + esc(base(r.f)) + '</span>'; } },
  { k: 'a', label: 'agency', w: 'minmax(120px,1.4fr)', get: function (r) { return r.a || '\uffff'; }, html: function (r) { return '<span title="' + esc(r.ti || '') + '">' + esc(r.a || '—') + '</span>'; } },
  { k: 'y', label: 'year', w: '52px', num: 1, get: function (r) { return r.y == null ? -1 : r.y; }, html: function (r) { return '<span class="num">' + (r.y == null ? '—' : r.y) + '</span>'; } },
  { k: 'fmt', label: 'format', w: '74px', get: function (r) { return r.fmt; }, html: function (r) { return '<span title="' + esc(r.rt ? r.fmt + ' via ' + r.rt : r.fmt) + '">' + esc(r.fmt) + '</span>'; } },
  { k: 'fv', label: 'layout', w: '64px', get: function (r) { return r.fv; }, html: function (r) { return '<span>' + esc(r.fv) + '</span>'; } },
  { k: 'nf', label: 'failed checks', w: '96px', num: 1, get: function (r) { return r.nf; }, html: function (r) { return '<span class="num ' + (r.nf ? 'nbad' : 'zero') + '">' + r.nf + '</span>'; } },
  { k: 'nw', label: 'warnings', w: '74px', num: 1, get: function (r) { return r.nw; }, html: function (r) { return '<span class="num ' + (r.nw ? 'nwarn' : 'zero') + '">' + r.nw + '</span>'; } },
  { k: 'nl', label: 'low conf.', w: '80px', num: 1, get: function (r) { return r.nl; }, html: function (r) { return '<span class="num ' + (r.nl ? 'nwarn' : 'zero') + '">' + r.nl + '</span>'; } },
  { k: 'nc', label: 'cells', w: '56px', num: 1, get: function (r) { return r.nc; }, html: function (r) { return '<span class="num" title="' + r.nz + ' null">' + r.nc + '</span>'; } }
];
document.documentElement.style.setProperty('--cols', COLS.map(function (c) { return c.w; }).join(' '));

var st = { q: '', status: '', fmt: '', year: '', fv: '', fail: false, warn: false, low: false, review: false, sort: '', desc: false };
var view = [];
var selected = -1;

// Default order: what most needs a human first.
function defaultCmp(a, b) {
  return (b.nf - a.nf) || (STATUS_RANK[a.st] - STATUS_RANK[b.st]) || (b.nl - a.nl) || (b.nw - a.nw) || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0);
}

function applyFilter(keepScroll) {
  var q = st.q.trim().toLowerCase();
  var y = st.year === '' ? null : st.year === 'none' ? 'none' : +st.year;
  view = R.filter(function (r) {
    if (st.status && r.st !== st.status) return false;
    if (st.fmt && r.fmt !== st.fmt) return false;
    if (st.fv && r.fv !== st.fv) return false;
    if (y !== null && (y === 'none' ? r.y != null : r.y !== y)) return false;
    if (st.fail && !r.nf) return false;
    if (st.warn && !r.nw) return false;
    if (st.low && !r.nl) return false;
    if (st.review && !needsReview(r)) return false;
    if (q) {
      if (r._h === undefined) r._h = (r.f + ' ' + (r.a || '') + ' ' + (r.ti || '') + ' ' + (r.why || '')).toLowerCase();
      if (r._h.indexOf(q) < 0) return false;
    }
    return true;
  });
  var col = null;
  for (var i = 0; i < COLS.length; i++) if (COLS[i].k === st.sort) col = COLS[i];
  if (col) {
    var dir = st.desc ? -1 : 1;
    view.sort(function (a, b) { var x = col.get(a), z = col.get(b); return x < z ? -dir : x > z ? dir : defaultCmp(a, b); });
  } else view.sort(defaultCmp);
  $('count').textContent = view.length + ' of ' + R.length + ' reports';
  var sc = $('scroller');
  // A short list gets a short box, so the opened report sits right under it.
  sc.style.height = 'min(34vh, ' + (Math.max(view.length, 4) * ROW_H + 4) + 'px)';
  if (!keepScroll) sc.scrollTop = 0;
  drawn = '';
  $('spacer').style.height = Math.max(view.length * ROW_H, 1) + 'px';
  $('empty').style.display = view.length ? 'none' : '';
  drawRows();
  var hs = $('lhead').children;
  for (var j = 0; j < hs.length; j++) hs[j].className = (COLS[j].num ? 'num ' : '') + (COLS[j].k === st.sort ? 'sorted' + (st.desc ? ' desc' : '') : '');
}

var drawn = '';
function drawRows() {
  var sc = $('scroller');
  var first = Math.max(0, Math.floor(sc.scrollTop / ROW_H) - 8);
  var last = Math.min(view.length, Math.ceil((sc.scrollTop + sc.clientHeight) / ROW_H) + 8);
  var key = first + ':' + last + ':' + selected + ':' + view.length + ':' + (view[0] ? view[0].i : '');
  if (key === drawn) return;
  drawn = key;
  var h = [];
  for (var i = first; i < last; i++) {
    var r = view[i];
    h.push('<div class="lrow' + (r.i === selected ? ' sel' : '') + '" data-i="' + r.i + '" style="top:' + (i * ROW_H) + 'px">');
    for (var c = 0; c < COLS.length; c++) h.push(COLS[c].html(r));
    h.push('</div>');
  }
  $('spacer').innerHTML = h.join('');
}

function options(sel, key, label) {
  var counts = {}, keep = sel.value;
  R.forEach(function (r) { var v = r[key] == null ? 'none' : String(r[key]); counts[v] = (counts[v] || 0) + 1; });
  var keys = Object.keys(counts).sort(function (a, b) { return key === 'y' ? (+b || 0) - (+a || 0) : a < b ? -1 : 1; });
  sel.innerHTML = '<option value="">' + esc(label) + ': all</option>' + keys.map(function (k) {
    return '<option value="' + esc(k) + '">' + esc(k === 'none' ? '(unknown)' : k) + ' (' + counts[k] + ')</option>';
  }).join('');
  sel.value = keep;
}
function refreshOptions() {
  options($('f-status'), 'st', 'status');
  options($('f-format'), 'fmt', 'format');
  options($('f-year'), 'y', 'year');
  options($('f-layout'), 'fv', 'layout');
}

function initList() {
  $('lhead').innerHTML = COLS.map(function (c) { return '<span data-k="' + c.k + '" title="sort by ' + esc(c.label) + '">' + esc(c.label) + '</span>'; }).join('');
  $('lhead').addEventListener('click', function (e) {
    var k = e.target && e.target.getAttribute('data-k');
    if (!k) return;
    if (st.sort === k) { if (st.desc) { st.sort = ''; st.desc = false; } else st.desc = true; }
    else { st.sort = k; st.desc = false; }
    applyFilter(true);
  });
  var bind = function (id, key, ev, get) { $(id).addEventListener(ev, function () { st[key] = get($(id)); applyFilter(); }); };
  var val = function (el) { return el.value; }, chk = function (el) { return el.checked; };
  bind('q', 'q', 'input', val);
  bind('f-status', 'status', 'change', val); bind('f-format', 'fmt', 'change', val);
  bind('f-year', 'year', 'change', val); bind('f-layout', 'fv', 'change', val);
  bind('only-fail', 'fail', 'change', chk); bind('only-warn', 'warn', 'change', chk);
  bind('only-low', 'low', 'change', chk); bind('only-review', 'review', 'change', chk);
  var sc = $('scroller');
  var pending = false;
  sc.addEventListener('scroll', function () { if (!pending) { pending = true; requestAnimationFrame(function () { pending = false; drawRows(); }); } });
  if (window.ResizeObserver) new ResizeObserver(function () { drawn = ''; drawRows(); }).observe(sc);
  $('spacer').addEventListener('click', function (e) {
    var row = e.target.closest && e.target.closest('.lrow');
    if (row) open(+row.getAttribute('data-i'));
  });
  document.addEventListener('keydown', function (e) {
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName) || e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key;
    if (k !== 'j' && k !== 'k' && k !== 'ArrowDown' && k !== 'ArrowUp') return;
    e.preventDefault();
    var pos = -1;
    for (var i = 0; i < view.length; i++) if (view[i].i === selected) { pos = i; break; }
    pos = Math.max(0, Math.min(view.length - 1, pos + (k === 'j' || k === 'ArrowDown' ? 1 : -1)));
    if (view[pos]) { open(view[pos].i); var top = pos * ROW_H; if (top < sc.scrollTop || top > sc.scrollTop + sc.clientHeight - ROW_H) sc.scrollTop = top - sc.clientHeight / 2; }
  });
  sc.style.setProperty('--sbw', (sc.offsetWidth - sc.clientWidth) + 'px');
  $('lhead').style.setProperty('--sbw', (sc.offsetWidth - sc.clientWidth) + 'px');
}

function summary() {
  var n = { ok: 0, partial: 0, failed: 0, unsupported: 0 }, nf = 0, nl = 0, rv = 0;
  R.forEach(function (r) { n[r.st] = (n[r.st] || 0) + 1; if (r.nf) nf++; if (r.nl) nl++; if (needsReview(r)) rv++; });
  $('sum').innerHTML = '<b>' + R.length + '</b> reports · ' + Object.keys(n).filter(function (k) { return n[k]; }).map(function (k) { return '<b>' + n[k] + '</b> ' + k; }).join(', ') +
    ' · <b>' + nf + '</b> with failed checks · <b>' + nl + '</b> with low-confidence cells · <b>' + rv + '</b> need review' +
    ' · ' + esc(D.extractor) + (R.length < D.n ? ' · loading ' + R.length + '/' + D.n : '');
}

// ---- one report -------------------------------------------------------------------------------
function decode(d) {
  var idx = [];
  if (d.k) d.k.split(',').forEach(function (part) {
    var ab = part.split('-'), a = +ab[0], b = ab.length > 1 ? +ab[1] : a;
    for (var i = a; i <= b; i++) idx.push(i);
  });
  var pages = [];
  d.p.forEach(function (pc) { for (var i = 0; i < pc[1]; i++) pages.push(pc[0]); });
  var cells = {};
  idx.forEach(function (ci, pos) {
    var x = d.x[pos];
    cells[ci] = { v: d.v[pos], raw: Object.prototype.hasOwnProperty.call(d.r, pos) ? d.r[pos] : null, page: pages[pos] || 0,
      flags: x ? x[0] : 0, conf: x ? x[1] : null, line: x ? x[2] : null, rl: x ? d.ls[x[3]] : null, cl: x ? d.ls[x[4]] : null, bb: x ? x[5] : null };
  });
  return cells;
}

var cur = null;
function cellTd(ci) {
  var code = CODES[ci];
  if (ci === undefined) return '<td class="v absent"></td>';
  var c = cur.cells[ci], fails = cur.failed[ci];
  var lab = LABELS[ci] || [code, '', ''];
  var tip = [code, lab[0] + ' × ' + lab[1]];
  if (!c) return '<td class="v absent" data-code="' + esc(code) + '" title="' + esc(tip.concat(['not extracted: the report\'s table has no value mapped to this code']).join('\n')) + '">·</td>';
  var cls = ['v'], text;
  if (c.v === null) { cls.push('null'); text = c.raw ? c.raw : '(blank)'; tip.push('value: null'); }
  else { text = String(c.v); if (c.raw !== null) cls.push('raw'); }
  if (c.raw !== null) tip.push('printed: ' + (c.raw === '' ? '(blank)' : c.raw));
  if (c.rl) tip.push('printed row label: ' + c.rl);
  if (c.cl) tip.push('printed column label: ' + c.cl);
  if (c.page) tip.push('page ' + c.page);
  if (c.line) tip.push('line ' + c.line);
  if (c.flags & 1) { cls.push('low'); tip.push('LOW CONFIDENCE' + (c.conf != null ? ' (' + Math.round(c.conf * 100) + '%)' : '')); }
  else if (c.conf != null) tip.push('confidence ' + Math.round(c.conf * 100) + '%');
  if (c.flags & 2) { cls.push('low'); tip.push('column assumed from the standard order (header unreadable)'); }
  if (cur.notes[code]) tip.push.apply(tip, cur.notes[code]);
  if (fails) { cls.push('fail'); tip.push('FAILED: ' + fails.map(function (n) { var f = cur.d.cf[n]; return f[0] + ' (' + f[1] + ')'; }).join('; ')); }
  return '<td class="' + cls.join(' ') + '" data-code="' + esc(code) + '" data-c="' + ci + '" title="' + esc(tip.join('\n')) + '">' + esc(text) + '</td>';
}

function pagesOf(cis) {
  var seen = {}, out = [];
  cis.forEach(function (ci) { var c = ci !== undefined && cur.cells[ci]; if (c && c.page && !seen[c.page]) { seen[c.page] = 1; out.push(c.page); } });
  return out.sort(function (a, b) { return a - b; });
}
function pgTd(cis) {
  var p = pagesOf(cis), lines = [];
  cis.forEach(function (ci) { var c = ci !== undefined && cur.cells[ci]; if (c && c.line) lines.push(c.line); });
  var t = p.length ? 'p.' + p.join(',') : lines.length ? 'l.' + Math.min.apply(null, lines) : '';
  return '<td class="pg">' + t + '</td>';
}
function idxOf(code) { var i = CODES.indexOf(code); return i < 0 ? undefined : i; }

// Header rows for columns given as label paths (rowspan for short paths, colspan for shared prefixes).
function colHeads(cols) {
  var depth = 0;
  cols.forEach(function (c) { depth = Math.max(depth, c.path.length); });
  var rows = [];
  for (var l = 0; l < depth; l++) {
    var h = [];
    for (var j = 0; j < cols.length; j++) {
      var p = cols[j].path;
      if (p.length <= l) continue;
      if (l < p.length - 1) {
        if (j > 0 && prefix(cols[j - 1].path, p, l)) continue;
        var span = 1;
        while (j + span < cols.length && prefix(cols[j + span].path, p, l)) span++;
        h.push('<th colspan="' + span + '">' + esc(p[l]) + '</th>');
      } else h.push('<th' + (depth - l > 1 ? ' rowspan="' + (depth - l) + '"' : '') + '>' + esc(p[l]) + '</th>');
    }
    rows.push(h);
  }
  return { depth: depth, rows: rows };
}


function drawT2(shape) {
  var L = D.layouts.t2[shape];
  var span = 1;
  L.groups.forEach(function (g) { span = lcm(span, g.columns.length); });
  var h = ['<table class="off t2"><tbody>'];
  L.groups.forEach(function (g) {
    var cs = span / g.columns.length;
    h.push('<tr><th class="grp" colspan="' + (span + 1) + '">' + esc(g.title) + '</th><th class="pg">page</th></tr>');
    h.push('<tr><th>' + esc(D.layouts.headers.t2Corner) + '</th>' + g.columns.map(function (c) { return '<th colspan="' + cs + '">' + esc(c) + '</th>'; }).join('') + '<td class="pg"></td></tr>');
    g.rows.forEach(function (row) {
      var cis = row.codes.map(function (c) { return c ? idxOf(c) : undefined; });
      h.push('<tr><th class="rl">' + esc(row.label) + '</th>' + cis.map(function (ci) { return cellTd(ci).replace('<td ', '<td colspan="' + cs + '" '); }).join('') + pgTd(cis) + '</tr>');
    });
  });
  h.push('</tbody></table>');
  return h.join('');
}
function lcm(a, b) { var x = a, y = b; while (y) { var t = y; y = x % y; x = t; } return a / x * b; }

function drawT3(shape) {
  var L = D.layouts.t3[shape];
  var heads = colHeads(L.columns);
  var depth = 0;
  L.rows.forEach(function (r) { depth = Math.max(depth, r.path.length); });
  var h = ['<table class="off t3"><thead>'];
  h.push('<tr><th class="corner" colspan="' + depth + '" rowspan="' + (heads.depth + 1) + '">' + esc(D.layouts.headers.t3Note) + '</th><th colspan="' + L.columns.length + '">' + esc(D.layouts.headers.t3Applicants) + '</th><th class="pg" rowspan="' + (heads.depth + 1) + '">page</th></tr>');
  heads.rows.forEach(function (r) { h.push('<tr>' + r.join('') + '</tr>'); });
  h.push('</thead><tbody>');
  var rows = L.rows;
  rows.forEach(function (row, i) {
    var tr = [];
    for (var l = 0; l < row.path.length; l++) {
      if (l < row.path.length - 1) {
        if (i > 0 && prefix(rows[i - 1].path, row.path, l)) continue;
        var n = 1;
        while (i + n < rows.length && prefix(rows[i + n].path, row.path, l)) n++;
        tr.push('<th class="rl' + (l === 0 && n > 4 ? ' vert' : '') + '" rowspan="' + n + '">' + esc(row.path[l]) + '</th>');
      } else tr.push('<th class="rl"' + (depth - l > 1 ? ' colspan="' + (depth - l) + '"' : '') + '>' + esc(row.path[l]) + '</th>');
    }
    var cis = L.columns.map(function (c) { return idxOf(row.key + '.' + c.key); });
    h.push('<tr>' + tr.join('') + cis.map(cellTd).join('') + pgTd(cis) + '</tr>');
  });
  h.push('</tbody></table>');
  return h.join('');
}
// Rows i and j share the label path through level l, and both go deeper (a group label).
function prefix(a, b, l) { if (a.length <= l + 1 || b.length <= l + 1) return false; for (var k = 0; k <= l; k++) if (a[k] !== b[k]) return false; return true; }

function drawT4() {
  var L = D.layouts.t4;
  var heads = colHeads(L.columns);
  var cis = L.columns.map(function (c) { return idxOf('t4.' + c.key); });
  var h = ['<table class="off t4"><thead>'];
  heads.rows.forEach(function (r, i) { h.push('<tr>' + r.join('') + (i === 0 ? '<th class="pg" rowspan="' + heads.depth + '">page</th>' : '') + '</tr>'); });
  h.push('</thead><tbody><tr>' + cis.map(cellTd).join('') + pgTd(cis) + '</tr></tbody></table>');
  return h.join('');
}

var MARK_PAD = 3;
// Boxes on the page image where the failed and doubtful cells were read (when the reader gave boxes).
function marks(t) {
  if (!t.rg) return '';
  var w = t.rg[2] - t.rg[0], h = t.rg[3] - t.rg[1], out = [];
  Object.keys(cur.cells).forEach(function (ci) {
    var c = cur.cells[ci];
    if (!c.bb || c.page !== t.page) return;
    var kind = cur.failed[ci] ? 'fail' : c.flags ? 'low' : '';
    if (!kind) return;
    // A few points of room so the outline frames the printed digits instead of covering them.
    var x0 = c.bb[0] - MARK_PAD, y0 = c.bb[1] - MARK_PAD, x1 = c.bb[2] + MARK_PAD, y1 = c.bb[3] + MARK_PAD;
    out.push('<span class="mark ' + kind + '" style="left:' + ((x0 - t.rg[0]) / w * 100).toFixed(2) + '%;top:' + ((y0 - t.rg[1]) / h * 100).toFixed(2) +
      '%;width:' + ((x1 - x0) / w * 100).toFixed(2) + '%;height:' + ((y1 - y0) / h * 100).toFixed(2) + '%"></span>');
  });
  return out.join('');
}
function thumbsFor(r, d, pages) {
  if (r.fmt !== 'pdf') return '';
  var th = (d.th || []).filter(function (t) { return pages.indexOf(t.page) >= 0; });
  if (!th.length) return '<div class="thumbs"><div class="note">' + esc(d.tn || (pages.length ? 'no thumbnail for page ' + pages.join(', ') : 'no page is known for this table')) + '</div></div>';
  return '<div class="thumbs">' + th.map(function (t) {
    return '<figure><div class="frame"><img alt="page ' + t.page + '" loading="lazy" width="' + t.w + '" height="' + t.h + '" src="' + esc(t.src) + '" title="click to enlarge">' + marks(t) + '</div><figcaption>page ' + t.page + (t.cropped ? ' (table region)' : '') + ' of ' + esc(base(r.f)) + '</figcaption></figure>';
  }).join('') + '</div>';
}

// A report's detail comes with its detail chunk, loaded on the first open of any of its reports.
var loadingChunk = {};
function detail(i) {
  if (DET[i]) return DET[i];
  var k = Math.floor(i / D.dc);
  if (!loadingChunk[k]) {
    loadingChunk[k] = 1;
    loadScript(D.dir + '/detail-' + ('000' + k).slice(-4) + '.js', function (ok) {
      if (!ok) { loadingChunk[k] = 0; if (selected === i) $('detail').innerHTML = '<div class="note">' + esc(D.dir) + '/detail-' + ('000' + k).slice(-4) + '.js could not be read: is the review folder beside review.html?</div>'; return; }
      if (selected === i) open(i);
    });
  }
  return null;
}

function open(i) {
  var r = R[i];
  if (!r) return;
  selected = i;
  drawn = '';
  drawRows();
  var d = detail(i);
  if (!d) {
    $('detail').innerHTML = '<div class="hint">Reading this report\u2019s tables…</div>';
    return;
  }
  var cells = decode(d), failed = {};
  d.cf.forEach(function (f, n) { f[5].forEach(function (ci) { (failed[ci] = failed[ci] || []).push(n); }); });
  var notes = {};
  d.w.forEach(function (m) { if (m[3]) (notes[m[3]] = notes[m[3]] || []).push(m[1] + ': ' + m[2]); });
  cur = { r: r, d: d, cells: cells, failed: failed, notes: notes };
  var h = [];
  h.push('<div class="dhead"><h2>' + esc(base(r.f)) + ' <span class="st st-' + esc(r.st) + '">' + esc(r.st) + '</span></h2>');
  h.push('<div class="meta"><span><b>' + esc(r.ti || '(no title found)') + '</b></span></div>');
  h.push('<div class="meta"><span>agency <b>' + esc(r.a || '—') + '</b></span><span>year <b>' + (r.y == null ? '—' : r.y) + '</b></span><span>input <b>' + esc(r.fmt) + (r.rt ? ' / ' + esc(r.rt) : '') + '</b></span>' +
    '<span>layout <b>' + esc(r.fv) + '</b></span>' + (r.pc ? '<span>pages <b>' + r.pc + '</b></span>' : '') + '<span>cells <b>' + r.nc + '</b> (' + r.nz + ' null)</span>' +
    '<span>checks <b>' + d.np + '</b> pass, <b>' + d.cf.length + '</b> fail, <b>' + d.cs.length + '</b> skipped</span>' + (r.sec != null ? '<span>' + r.sec + ' s</span>' : '') +
    '<span title="' + esc(r.sha) + '">sha256 ' + esc(r.sha.slice(0, 12)) + '</span><span title="' + esc(r.f) + '">' + esc(r.f) + '</span>' + (r.aka ? '<span>also: ' + esc(r.aka.join(', ')) + '</span>' : '') + '</div>');
  if (r.why) h.push('<div class="why ' + esc(r.st) + '">' + esc(r.why) + '</div>');
  h.push('</div>');
  h.push('<div class="legend"><span><i style="background:#ffcdd2;box-shadow:inset 0 0 0 2px #d32f2f"></i>in a failed identity</span><span><i style="outline:2px dashed #e08600;outline-offset:-3px;background:#fff3d6"></i>low confidence / assumed column</span>' +
    '<span><i style="background:#f1f2f4;color:#7b8590">—</i>null (printed text shown)</span><span><i style="text-decoration:underline dotted #1e63b6">5*</i>printed text differs from value (hover)</span>' +
    '<span><i style="background:repeating-linear-gradient(45deg,#fff,#fff 4px,#e5e8ec 4px,#e5e8ec 8px)">·</i>not extracted</span><span>hover a cell for code, labels, printed text, page · <kbd>j</kbd>/<kbd>k</kbd> next/previous report</span></div>');
  if (d.cf.length) {
    h.push('<div class="box checks"><h3>Failed checks (' + d.cf.length + ')</h3><ul>');
    d.cf.forEach(function (f, n) {
      h.push('<li data-ck="' + n + '"><code>' + esc(f[0]) + '</code> ' + esc(f[1]) + ': <b>' + f[3] + ' ≠ ' + f[4] + '</b> <span style="color:#5b6672">(' + esc(f[2]) + ')</span></li>');
    });
    h.push('</ul></div>');
  }
  if (d.cs.length) {
    h.push('<details class="box"><summary>Skipped checks (' + d.cs.length + '): a cell involved is null or missing</summary><ul>');
    d.cs.forEach(function (f) { h.push('<li><code>' + esc(f[0]) + '</code> ' + esc(f[1]) + ' — missing ' + f[2].map(function (ci) { return '<code>' + esc(CODES[ci]) + '</code>'; }).join(' ') + '</li>'); });
    h.push('</ul></details>');
  }
  if (d.w.length) {
    var kinds = Object.keys(d.wc).sort(function (a, b) { return d.wc[b] - d.wc[a]; });
    h.push('<details class="box warns"' + (r.nw && d.wn <= 8 ? ' open' : '') + '><summary>Messages (' + d.wn + '): ' +
      kinds.map(function (k) { var p = k.split(' '); return '<span class="sev-' + esc(p[0]) + '"><code>' + esc(p[1]) + '</code> ×' + d.wc[k] + '</span>'; }).join(' ') +
      (d.wn > d.w.length ? ' — first ' + d.w.length + ' listed' : '') + '</summary><ul>');
    d.w.forEach(function (m) { h.push('<li class="sev-' + esc(m[0]) + '">' + esc(m[0]) + ' <code>' + esc(m[1]) + '</code> ' + esc(m[2]) + (m[3] ? ' <code>' + esc(m[3]) + '</code>' : '') + (m[4] != null ? ' <span style="color:#6b7785">' + esc(m[4]) + '</span>' : '') + '</li>'); });
    h.push('</ul></details>');
  }
  [2, 3, 4].forEach(function (t) {
    var s = null;
    d.tables.forEach(function (x) { if (x.t === t) s = x; });
    h.push('<section class="box tsec" id="table-' + t + '"><h3>' + esc(TITLES[t]));
    if (!s) { h.push('</h3><div class="note">table ' + CN[t] + ' was not found in this report.</div></section>'); return; }
    var pages = s.pg.slice();
    Object.keys(cells).forEach(function (ci) { var code = CODES[ci]; if (code.indexOf('t' + t + '.') === 0 && cells[ci].page && pages.indexOf(cells[ci].page) < 0) pages.push(cells[ci].page); });
    pages.sort(function (a, b) { return a - b; });
    h.push('<small>' + esc(t === 4 ? 'same in both formats' : s.shape + ' layout') + (s.fv !== s.shape && t !== 4 ? ' (table reads as ' + esc(s.fv) + ')' : '') +
      ' · ' + (pages.length ? 'page' + (pages.length > 1 ? 's ' : ' ') + pages.join(', ') : 'no page numbers (' + esc(r.fmt) + ' input)') +
      ' · ' + esc(s.m.join(', ') || '?') + ' · ' + s.n + '/' + s.e + ' cells, ' + s.z + ' null</small></h3>');
    h.push('<div class="pair"><div class="gridwrap">' + (t === 2 ? drawT2(s.shape) : t === 3 ? drawT3(s.shape) : drawT4()) + '</div>' + thumbsFor(r, d, pages) + '</div></section>');
  });
  var det = $('detail');
  det.innerHTML = h.join('');
  // Stepping through reports from far down the previous one: start the next at its top.
  if (det.getBoundingClientRect().top < 0) det.scrollIntoView();
  det.setAttribute('data-open', base(r.f));
  if (history.replaceState) history.replaceState(null, '', '#r=' + i);
}

function initDetail() {
  var det = $('detail');
  det.addEventListener('click', function (e) {
    var t = e.target;
    if (t.tagName === 'IMG') { t.classList.toggle('big'); return; }
    var li = t.closest && t.closest('li[data-ck]');
    if (!li || !cur) return;
    var f = cur.d.cf[+li.getAttribute('data-ck')];
    var prev = det.querySelectorAll('.focus, li.on');
    for (var i = 0; i < prev.length; i++) prev[i].classList.remove('focus', 'on');
    li.classList.add('on');
    var first = null;
    f[5].forEach(function (ci) { var td = det.querySelector('td[data-c="' + ci + '"]'); if (td) { td.classList.add('focus'); first = first || td; } });
    if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}

initList();
initDetail();
window.__xxgkTiming = { scriptStart: T0, dataParsed: T1 };
function fromHash() { var m = /^#r=(\d+)$/.exec(location.hash); if (m && R[+m[1]]) open(+m[1]); }
// List chunks one after another; the list is drawn (and usable) from the first one on.
function nextChunk(k) {
  if (k >= D.list.length) {
    refreshOptions(); summary(); applyFilter(true);
    window.__xxgkReady = performance.now();
    window.__xxgkTiming.ready = window.__xxgkReady;
    document.body.setAttribute('data-ready', '1');
    fromHash();
    return;
  }
  loadScript(D.dir + '/' + D.list[k], function (ok) {
    if (!ok) $('sum').textContent = D.dir + '/' + D.list[k] + ' could not be read: is the review folder beside review.html?';
    if (k === 0) window.__xxgkTiming.first = performance.now();
    if (k === 0 || k === D.list.length - 1 || k % 4 === 0) { refreshOptions(); summary(); applyFilter(k > 0); }
    nextChunk(k + 1);
  });
}
nextChunk(0);
window.xxgkReview = { open: open, reports: R, view: function () { return view; } };
})();
`;
