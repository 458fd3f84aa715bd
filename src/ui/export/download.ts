/** One file to hand to the browser's downloads. */
export interface DownloadFile {
  name: string;
  /** MIME type of the Blob. */
  type: string;
  content: BlobPart;
}

/**
 * Saves files the way `tf.io.browserDownloads` does: a Blob URL clicked through a temporary
 * `<a download>`, one per file. Callers build every file first, so a failure never leaves half a set.
 */
export function downloadFiles(files: readonly DownloadFile[]): void {
  for (const file of files) downloadBlob(new Blob([file.content], { type: file.type }), file.name);
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download reads the URL after this task; revoking it at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
