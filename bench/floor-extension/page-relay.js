// The floor for detection on a busy CRM page: what KPI Pacer's hook and content script do at the
// least, with nothing to read. The page posts a number; this content script sends it to the
// service worker and posts the answer back to the page.
window.addEventListener('message', (event) => {
  if (event.source !== window || typeof event.data?.floorPing !== 'number') return;
  const n = event.data.floorPing;
  chrome.runtime.sendMessage({ n }).then((answer) => window.postMessage({ floorPong: answer?.echo }, '*'));
});
