// Rendering: DOM nodes built with textContent only, so nothing from an event or a plan runs as markup.

const element = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
};

const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

/** The upgrade an event is about: planning's and execution's streams are the upgrade's id. */
export const upgradeOf = (event) => event.payload?.upgradeId ?? event.streamId;

/** Upgrades grouped by state, each with its gate report; `onSelect(id)` when one is clicked. */
export function renderUpgrades(container, upgrades, gateReports, selected, onSelect) {
  const byState = new Map();
  for (const upgrade of upgrades) byState.set(upgrade.status, [...(byState.get(upgrade.status) ?? []), upgrade]);
  const groups = [...byState].map(([state, members]) => {
    const items = members.map((upgrade) => {
      const report = gateReports.get(upgrade.upgradeId);
      const gates = element('div', { class: 'gates' });
      for (const gate of report?.gates ?? []) {
        const label = element('span', { class: 'gate', 'data-status': gate.status, title: gate.missing.join('; ') });
        label.textContent = `${gate.gate}: ${gate.status}`;
        gates.append(label);
      }
      const card = element(
        'div',
        {
          class: 'upgrade',
          'data-upgrade': upgrade.upgradeId,
          'aria-selected': String(upgrade.upgradeId === selected),
        },
        element('strong', {}, upgrade.upgradeId),
        ` — ${upgrade.title ?? ''}`,
        gates,
      );
      card.addEventListener('click', () => onSelect(upgrade.upgradeId));
      return card;
    });
    return element(
      'div',
      { class: 'group', 'data-state': state },
      element('h3', {}, `${state} (${members.length})`),
      ...items,
    );
  });
  container.replaceChildren(...groups);
}

const eventLine = (event) =>
  `${time(event.occurredAt)} ${event.producer} ${event.type} ${upgradeOf(event)}${event.payload?.reason ? ` — ${event.payload.reason}` : ''}`;

/** A list of events, newest first, at most `limit`. */
export function renderEvents(list, events, limit = 50) {
  list.replaceChildren(
    ...events
      .slice(-limit)
      .reverse()
      .map((event) => element('li', { 'data-type': event.type, 'data-upgrade': upgradeOf(event) }, eventLine(event))),
  );
}

/** One line per item: `text(item)`, with the upgrade id as data for tests and styling. */
export function renderItems(list, items, text) {
  const rows = items.map((item) => element('li', { 'data-upgrade': item.upgradeId }, text(item)));
  list.replaceChildren(...(rows.length ? rows : [element('li', { class: 'muted' }, 'none')]));
}

/** The timeline of one upgrade, oldest first. */
export function renderTimeline(list, events) {
  list.replaceChildren(...events.map((event) => element('li', { 'data-type': event.type }, eventLine(event))));
}

/** The record's headline facts (title, outcome, times, versions, approvals, backups); the whole of it as JSON. */
export function renderRecord(list, compiled) {
  if (!compiled) return list.replaceChildren(element('dd', { class: 'muted' }, 'no record yet'));
  const { record, recordHash } = compiled;
  const times = Object.entries(record.times ?? {}).filter(([, at]) => typeof at === 'string');
  const facts = [
    ['title', record.title ?? '–'],
    ['outcome', record.outcome],
    ...times.map(([name, at]) => [name, new Date(at).toLocaleString()]),
    ['versions', (record.versions ?? []).map((v) => `${v.assetId} ${v.from} → ${v.to}`).join('; ') || '–'],
    ['approvals', (record.approvals ?? []).map((a) => a.approver).join(', ') || '–'],
    [
      'backups verified',
      `${(record.backups ?? []).filter((b) => b.verified).length} of ${(record.backups ?? []).length}`,
    ],
    ['record hash', recordHash],
  ];
  const rows = facts.map(([key, value]) => [
    element('dt', {}, key),
    element('dd', { 'data-fact': key }, String(value)),
  ]);
  const json = element('pre', {}, JSON.stringify(record, null, 2));
  const all = element('details', {}, element('summary', {}, 'whole record (JSON)'), json);
  list.replaceChildren(...rows.flat(), all);
}

/** One row per service: relay lag, consumer lag, DLQ size, parked events; `null` when unreachable. */
export function renderMetrics(body, figures) {
  const cell = (value, alert) =>
    element('td', { 'data-alert': String(Boolean(alert && value > 0)) }, value === null ? '–' : String(value));
  body.replaceChildren(
    ...Object.entries(figures).map(([service, f]) =>
      element(
        'tr',
        { 'data-service': service },
        element('td', {}, service),
        ...(f
          ? [cell(f.relayLag), cell(f.consumerLag), cell(f.dlq, true), cell(f.parked, true)]
          : [element('td', { colspan: '4', class: 'error' }, 'unreachable')]),
      ),
    ),
  );
}
