/** The review page's stylesheet (inline: the page loads nothing from anywhere). */
export const CSS = `
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;color:#1d232b;background:#f4f5f7}
header{display:flex;align-items:baseline;gap:16px;padding:10px 16px 6px;background:#1f2d3d;color:#fff;flex-wrap:wrap}
header h1{font-size:16px;margin:0;font-weight:600}
header .sum{font-size:12px;color:#c9d4e0}
header .sum b{color:#fff}
#bar{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;padding:8px 16px;background:#fff;border-bottom:1px solid #d8dde3}
#bar input[type=search]{width:260px;padding:4px 8px;border:1px solid #b9c2cc;border-radius:4px;font:inherit}
#bar select{padding:3px 4px;border:1px solid #b9c2cc;border-radius:4px;font:inherit;background:#fff}
#bar label{white-space:nowrap;cursor:pointer;user-select:none}
#bar .count{margin-left:auto;color:#4a5563}
#list{background:#fff;border-bottom:2px solid #9aa5b1}
.lrow{display:grid;grid-template-columns:var(--cols);align-items:center;height:26px;padding:0 16px;gap:8px;white-space:nowrap}
.lrow>span{overflow:hidden;text-overflow:ellipsis}
#lhead{background:#e9edf1;font-weight:600;border-bottom:1px solid #cfd6de;padding-right:calc(16px + var(--sbw,0px))}
#lhead span{cursor:pointer}
#lhead span.num,.lrow span.num{text-align:right}
#lhead span.sorted::after{content:" ▲";font-size:10px}
#lhead span.sorted.desc::after{content:" ▼"}
#scroller{height:34vh;min-height:60px;overflow-y:auto;position:relative;resize:vertical}
#spacer{position:relative}
#spacer .lrow{position:absolute;left:0;right:0;cursor:pointer;border-bottom:1px solid #eef1f4}
#spacer .lrow:hover{background:#f1f6fc}
#spacer .lrow.sel{background:#dcebfb}
.st{display:inline-block;min-width:64px;padding:0 6px;border-radius:9px;font-size:11px;text-align:center;line-height:17px}
.st-ok{background:#dff3e4;color:#17622f}.st-partial{background:#fff0cc;color:#7a5200}.st-failed{background:#fbdcdc;color:#8c1c1c}.st-unsupported{background:#e4e6ea;color:#444}
.nbad{color:#b3261e;font-weight:600}.nwarn{color:#8a5a00;font-weight:600}.zero{color:#aab2bc}
.empty{padding:24px;text-align:center;color:#6b7785}
#detail{padding:14px 16px 60px}
#detail .hint{color:#6b7785;padding:30px;text-align:center}
.dhead h2{margin:0 0 4px;font-size:16px;word-break:break-all}
.dhead .why{margin:6px 0;padding:6px 10px;background:#fff7e0;border-left:4px solid #e0a800;border-radius:2px}
.dhead .why.failed{background:#fdecec;border-color:#c62828}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;color:#4a5563;font-size:12px}
.meta b{color:#1d232b;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:10px 0;font-size:12px;color:#4a5563;align-items:center}
.legend i{display:inline-block;width:26px;height:16px;vertical-align:-3px;margin-right:4px;border:1px solid #8a949e;font-style:normal;font-size:10px;text-align:center;line-height:14px}
.box{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px 12px;margin:10px 0}
.box h3{margin:0 0 6px;font-size:14px}
.checks li{margin:2px 0;cursor:pointer}
.checks li:hover,.checks li.on{background:#fdecec}
.checks code,.warns code{font-size:11px;background:#eef1f4;padding:0 3px;border-radius:3px}
.warns li{margin:1px 0}
.warns .sev-error{color:#b3261e}.warns .sev-warning{color:#8a5a00}.warns .sev-info{color:#5b6672}
details summary{cursor:pointer;font-weight:600}
.warns summary span{margin-left:8px;font-weight:400}
.tsec h3 small{font-weight:400;color:#5b6672;margin-left:8px;font-size:12px}
.pair{display:flex;gap:14px;align-items:flex-start;flex-wrap:wrap}
.gridwrap{overflow-x:auto;max-width:100%}
table.off{border-collapse:collapse;background:#fff;font-size:12px}
table.off th,table.off td{border:1px solid #6f7a85;padding:2px 5px}
table.off th{background:#f3f5f7;font-weight:500;text-align:center}
table.off th.rl{text-align:left;font-weight:400;max-width:330px}
table.off th.grp{background:#e6eaee;text-align:left;font-weight:600}
table.off th.vert{writing-mode:vertical-rl;letter-spacing:2px;text-align:center}
table.off th.corner{font-size:11px;color:#5b6672;font-weight:400;max-width:260px}
table.off th.pg,table.off td.pg{background:#f8f9fa;color:#6b7785;font-size:11px;border-left:2px solid #9aa5b1;white-space:nowrap}
td.v{text-align:right;min-width:38px;font-variant-numeric:tabular-nums;position:relative}
td.v.fail{background:#ffcdd2;color:#7f0000;font-weight:700;box-shadow:inset 0 0 0 2px #d32f2f}
td.v.null{color:#7b8590;font-style:italic;background:#f1f2f4}
td.v.raw{text-decoration:underline dotted #1e63b6}
td.v.raw::after{content:"*";color:#1e63b6;font-size:10px;vertical-align:super}
td.v.low{outline:2px dashed #e08600;outline-offset:-3px;background-color:#fff3d6}
td.v.fail.low{background:#ffcdd2}
td.v.absent{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#e5e8ec 4px,#e5e8ec 8px);color:#9aa3ad;text-align:center}
td.v.focus{animation:pulse 1s ease-in-out 2;box-shadow:inset 0 0 0 3px #1e63b6}
@keyframes pulse{50%{background:#90caf9}}
.thumbs{display:flex;flex-direction:column;gap:6px;max-width:100%}
.thumbs figure{margin:0;background:#fff;border:1px solid #cfd6de;padding:4px;border-radius:4px}
.thumbs img{display:block;width:460px;height:auto;cursor:zoom-in}
.thumbs img.big{width:min(900px,92vw);cursor:zoom-out}
.thumbs .frame{position:relative;line-height:0}
.thumbs .mark{position:absolute;border:2px solid #d32f2f;background:rgba(211,47,47,.06);pointer-events:none}
.thumbs .mark.low{border:2px dashed #e08600;background:rgba(224,134,0,.06)}
.thumbs figcaption{font-size:11px;color:#5b6672}
.note{font-size:12px;color:#6b7785;font-style:italic;max-width:460px}
kbd{font-size:11px;border:1px solid #b9c2cc;border-radius:3px;padding:0 3px;background:#fff}
`;
