// Runs the server audits of the graphql-http package against a GraphQL-over-HTTP endpoint.
// Usage: node graphql-http-audit.mjs URL
// Prints one line per audit that is not ok, then "audits: N ok, N warn, N error".
// Exits 1 when a MUST audit fails (status "error"), 0 otherwise.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs URL');
  process.exit(2);
}

const counts = { ok: 0, warn: 0, error: 0 };
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    console.log(`${result.status} ${audit.id} ${audit.name}: ${result.reason}`);
  }
}

console.log(`audits: ${counts.ok} ok, ${counts.warn} warn, ${counts.error} error`);
process.exit(counts.error > 0 ? 1 : 0);
