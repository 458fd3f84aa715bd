import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isHiddenPath } from '../datasets/labels';

export interface FileListing {
  /** Regular files, relative to the root, '/'-separated. */
  files: string[];
  /** Entries that are neither a folder nor a regular file (sockets, broken links, links to folders). */
  skipped: { path: string; reason: string }[];
}

/** Lists every file under `root`, never entering hidden folders and never listing hidden files. */
export async function listFiles(root: string): Promise<FileListing> {
  const listing: FileListing = { files: [], skipped: [] };
  await walk(root, '', listing);
  return listing;
}

async function walk(root: string, prefix: string, listing: FileListing): Promise<void> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isHiddenPath(entry.name)) continue;
    if (entry.isDirectory()) {
      await walk(root, path, listing);
    } else if (entry.isFile() || (await isFileBehindLink(join(root, path)))) {
      listing.files.push(path);
    } else {
      // Links to folders are not followed: a link back up the tree would never end.
      listing.skipped.push({ path, reason: 'not a regular file' });
    }
  }
}

async function isFileBehindLink(fullPath: string): Promise<boolean> {
  try {
    return (await stat(fullPath)).isFile();
  } catch {
    return false;
  }
}
