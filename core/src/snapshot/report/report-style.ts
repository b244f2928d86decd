/** Inline CSS: the report opens from file:// with no network, so nothing may be fetched. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d2330}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:2px solid #e3e6ec;padding-bottom:4px}
h3{font-size:15px;margin:0}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #e3e6ec;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f5f6f9}
.muted{color:#657086}.control{border:1px solid #e3e6ec;border-radius:6px;padding:12px;margin:12px 0}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}
.failing,.fail{background:#fde2e1;color:#9b1c1c}.passing,.pass{background:#def7e5;color:#17603a}
.not-assessable,.error{background:#fff3c4;color:#7a5a00}.attested{background:#e1ecfd;color:#1c4c9b}
.unjudged{background:#efe6fb;color:#55307f}.no-evidence{background:#eceef2;color:#4a5263}dl{display:grid;grid-template-columns:160px 1fr;gap:2px 12px;margin:8px 0}
dt{color:#657086}dd{margin:0}ul{margin:4px 0;padding-left:20px}code{font-size:12px}
`;
