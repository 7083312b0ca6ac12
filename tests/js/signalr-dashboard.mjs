// Connects to the dashboard hub with the npm @microsoft/signalr client.
// Usage: node signalr-dashboard.mjs BASE_URL TOKEN RECEIPT
// Prints the snapshot as a JSON line "snapshot {...}", then every entry it receives as
// "entry {...}", and exits 0 once an entry with receipt number RECEIPT has arrived.
import { createRequire } from 'node:module';

const signalR = createRequire(import.meta.url)('@microsoft/signalr');
const [baseUrl, token, receipt] = process.argv.slice(2);
if (!baseUrl || !token || !receipt) {
  console.error('usage: node signalr-dashboard.mjs BASE_URL TOKEN RECEIPT');
  process.exit(2);
}

const connection = new signalR.HubConnectionBuilder()
  .withUrl(new URL('hubs/dashboard', baseUrl).toString(), { accessTokenFactory: () => token })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

const done = new Promise((resolve) => {
  connection.on('entries', (entries) => {
    for (const entry of entries) {
      console.log(`entry ${JSON.stringify(entry)}`);
      if (entry.receiptNumber === receipt) {
        resolve();
      }
    }
  });
});

try {
  await connection.start();
  const snapshot = await connection.invoke('GetSnapshot');
  console.log(`snapshot ${JSON.stringify(snapshot)}`);
  await done;
  await connection.stop();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
