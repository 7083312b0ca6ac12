// The merchant dashboard: signs in over GraphQL, loads today's snapshot from the hub and then
// applies every "entries" message whose sequence is above what the snapshot counted.
'use strict';

const state = { snapshot: null, pending: [], byHour: new Array(24).fill(0), latest: [], zone: 'UTC' };

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { token } }',
      variables: { input: { email: form.get('email'), password: form.get('password') } },
    }),
  });
  const body = await response.json();
  if (body.errors) {
    error.textContent = body.errors[0].message;
    return;
  }

  event.target.hidden = true;
  document.getElementById('live').hidden = false;
  await connect(body.data.signIn.token);
});

async function connect(token) {
  const status = document.getElementById('status');
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/dashboard', { accessTokenFactory: () => token })
    .withAutomaticReconnect()
    .build();
  connection.on('entries', (entries) => {
    if (state.snapshot === null) {
      state.pending.push(...entries);
    } else {
      apply(entries);
    }
  });
  connection.onreconnected(() => loadSnapshot(connection));
  connection.onreconnecting(() => { status.textContent = 'Reconnecting…'; });
  await connection.start();
  await loadSnapshot(connection);
  status.textContent = 'Live';
}

async function loadSnapshot(connection) {
  state.snapshot = null;
  const snapshot = await connection.invoke('GetSnapshot');
  state.zone = snapshot.timeZone;
  state.byHour = snapshot.purchasesByHour.slice();
  state.latest = snapshot.latest.slice();
  setNumber('purchases', snapshot.purchases);
  setNumber('points-issued', snapshot.pointsIssued);
  setNumber('points-redeemed', snapshot.pointsRedeemed);
  setNumber('new-members', snapshot.newMembers);
  state.snapshot = snapshot;
  const pending = state.pending.splice(0);
  apply(pending);
  render();
}

function apply(entries) {
  const fresh = entries.filter((entry) => entry.sequence > state.snapshot.throughSequence);
  for (const entry of fresh) {
    if (entry.kind === 'EARN') {
      addNumber('purchases', 1);
      state.byHour[hourOf(entry.recordedAt)] += 1;
    }
    if ((entry.kind === 'EARN' || entry.kind === 'SEND') && entry.points > 0) {
      addNumber('points-issued', entry.points);
    }
    if (entry.kind === 'PAY' || entry.kind === 'REDEEM') {
      addNumber('points-redeemed', -entry.points);
    }
    if (entry.memberSequence === 1) {
      addNumber('new-members', 1);
    }
    state.latest.unshift(entry);
  }
  state.latest = state.latest.slice(0, 20);
  render();
}

function hourOf(instant) {
  const hour = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: state.zone })
    .format(new Date(instant));
  return Number(hour) % 24;
}

function setNumber(id, value) {
  document.getElementById(id).textContent = String(value);
}

function addNumber(id, value) {
  const output = document.getElementById(id);
  output.textContent = String(Number(output.textContent) + value);
}

function render() {
  const rows = state.latest.map((entry) => {
    const row = document.createElement('tr');
    row.dataset.sequence = String(entry.sequence);
    for (const value of [entry.sequence, entry.phone, entry.kind, entry.points, entry.receiptNumber ?? '']) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    return row;
  });
  document.getElementById('latest').replaceChildren(...rows);
  drawChart();
}

function drawChart() {
  const canvas = document.getElementById('by-hour');
  const context = canvas.getContext('2d');
  const max = Math.max(1, ...state.byHour);
  const width = canvas.width / 24;
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.font = '10px system-ui';
  state.byHour.forEach((count, hour) => {
    const height = (canvas.height - 20) * (count / max);
    context.fillStyle = '#3b7dd8';
    context.fillRect(hour * width + 2, canvas.height - 14 - height, width - 4, height);
    context.fillStyle = '#444';
    context.fillText(String(hour), hour * width + 4, canvas.height - 2);
  });
}
