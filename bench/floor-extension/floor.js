// Shows the six numbers from storage.session, each in an element the benchmark waits for.
chrome.storage.session.get('six').then(({ six }) => {
  const list = document.getElementById('six');
  for (const [kpi, value] of Object.entries(six ?? {})) {
    const item = document.createElement('li');
    item.dataset.testid = `kpi-value-${kpi}`;
    item.textContent = String(value);
    list.append(item);
  }
});
