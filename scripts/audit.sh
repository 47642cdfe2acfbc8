#!/usr/bin/env bash
# Dependency audit of what ships (production dependencies only): known advisories of high or critical severity.
#
#   bash scripts/audit.sh [report.json]      (npm run audit:deps)
#
# Exit status: 0 no high/critical advisory; 1 at least one (listed); 2 the audit could not run (no registry, or a
# registry or mirror without npm's advisory endpoint) -- an unknown result, never reported as clean.
# The raw `npm audit --json` answer is kept in the report file (default: a temporary file, path printed).
set -uo pipefail

cd "$(dirname "$0")/.."
report="${1:-$(mktemp -t npm-audit.XXXXXX.json)}"

npm audit --omit=dev --audit-level=high --json >"$report" 2>/dev/null
node - "$report" <<'EOF'
const fs = require('node:fs');
const file = process.argv[2];
let result;
try {
  result = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  console.error(`audit: npm gave no JSON answer (offline?); raw output in ${file}`);
  process.exit(2);
}
const counts = result.metadata && result.metadata.vulnerabilities;
if (!counts) {
  const why = result.message || (result.error && (result.error.summary || result.error.code)) || 'unknown error';
  console.error(`audit: could not run against ${process.env.npm_config_registry || 'the configured registry'}: ${why}`);
  console.error(`audit: result UNKNOWN (not clean); raw answer in ${file}`);
  process.exit(2);
}
const deps = result.metadata.dependencies || {};
console.log(
  `audit: ${deps.prod ?? '?'} production packages; advisories: critical ${counts.critical}, high ${counts.high}, ` +
    `moderate ${counts.moderate}, low ${counts.low}, info ${counts.info}`,
);
const serious = Object.values(result.vulnerabilities || {}).filter((v) => v.severity === 'high' || v.severity === 'critical');
for (const v of serious) {
  const titles = (v.via || []).filter((via) => typeof via === 'object').map((via) => `${via.title} (${via.url})`);
  const fix = v.fixAvailable === true ? 'fix: npm audit fix' : v.fixAvailable ? `fix: ${v.fixAvailable.name}@${v.fixAvailable.version}` : 'no fix yet';
  console.log(`  ${v.severity.toUpperCase()} ${v.name} ${v.range}: ${titles.join('; ') || `via ${(v.via || []).join(', ')}`} [${fix}]`);
}
console.log(`audit: raw answer in ${file}`);
process.exit(serious.length > 0 ? 1 : 0);
EOF
