/**
 * Saves text as a file through an object URL and a temporary link: no downloads permission needed.
 */
export function downloadText(filename: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download asynchronously; revoking at once could cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
