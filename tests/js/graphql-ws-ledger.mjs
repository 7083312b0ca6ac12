// Subscribes to Pointspot over WebSocket with the graphql-ws client (graphql-transport-ws).
// Usage:
//   node graphql-ws-ledger.mjs ledger URL KEY AFTER_SEQUENCE COUNT
//     ledgerEntries(afterSequence): prints each entry as a JSON line, closes after COUNT entries
//   node graphql-ws-ledger.mjs points URL KEY PHONE COUNT
//     pointsChanged(phone): the same for one member's entries
// Prints "subscribed" once the server acknowledged the connection, and exits 1 on an error.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [mode, url, key, argument, countText] = process.argv.slice(2);
if (!['ledger', 'points'].includes(mode) || !url || !key || argument === undefined || !countText) {
  console.error('usage: node graphql-ws-ledger.mjs ledger|points URL KEY AFTER_SEQUENCE|PHONE COUNT');
  process.exit(2);
}

const count = Number(countText);
const fields = 'sequence phone memberSequence kind points balanceAfter receiptNumber';
const request = mode === 'ledger'
  ? {
      query: `subscription ($after: Long) { ledgerEntries(afterSequence: $after) { ${fields} } }`,
      variables: { after: Number(argument) },
    }
  : {
      query: `subscription ($phone: String!) { pointsChanged(phone: $phone) { ${fields} } }`,
      variables: { phone: argument },
    };

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${key}` },
  retryAttempts: 0,
  on: { connected: () => console.log('subscribed') },
});

let received = 0;
const subscription = client.iterate(request);
try {
  for await (const result of subscription) {
    if (result.errors) {
      console.error(JSON.stringify(result.errors));
      process.exit(1);
    }
    const entry = mode === 'ledger' ? result.data.ledgerEntries : result.data.pointsChanged;
    console.log(JSON.stringify(entry));
    received += 1;
    if (received >= count) {
      break;
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : JSON.stringify(error));
  process.exit(1);
}

await client.dispose();
process.exit(0);
