/**
 * File I/O for the file tools that cannot be led outside the workspace by what the model's shell
 * made (issue #9 "hard links beat the editor's path check"): the path guard resolves symlinks,
 * and here every open is `O_NOFOLLOW` (a symlink swapped in after the check is refused, not
 * followed), the opened file must be the one that was checked (same device and inode as an
 * `lstat` of the path), a regular file, and have exactly one link — a second hard link could be
 * a file outside the workspace (or one the sandbox hides) that the model linked in. Writes go
 * through the same descriptor (no second lookup by name); new files are created `O_EXCL`.
 */
import { constants as fs, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** A file the tool may not use, with the reason shown to the model. */
export class UnsafeFileError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path} ${reason}`);
    this.name = 'UnsafeFileError';
  }
}

async function openChecked(abs: string, shown: string, flags: number): Promise<FileHandle> {
  let before: Stats;
  try {
    before = await lstat(abs);
  } catch (e) {
    throw e;
  }
  if (before.isSymbolicLink()) throw new UnsafeFileError(shown, 'is a symlink; it cannot be opened by the file tools');
  let fh: FileHandle;
  try {
    fh = await open(abs, flags | fs.O_NOFOLLOW | fs.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new UnsafeFileError(shown, 'became a symlink; it cannot be opened by the file tools');
    throw e;
  }
  try {
    const st = await fh.stat();
    if (st.dev !== before.dev || st.ino !== before.ino) throw new UnsafeFileError(shown, 'changed while it was being opened; try again');
    if (!st.isFile()) throw new UnsafeFileError(shown, 'is not a regular file');
    if (st.nlink > 1) {
      throw new UnsafeFileError(shown, `has ${st.nlink} hard links; a hard-linked file may be a file outside the workspace, so the file tools do not use it (copy it with bash to make a file of its own)`);
    }
    return fh;
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Reads a workspace file (see the module doc). @throws UnsafeFileError, or the fs error (ENOENT…) */
export async function readFileSafe(abs: string, shown: string): Promise<Buffer> {
  const fh = await openChecked(abs, shown, fs.O_RDONLY);
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/** Replaces the content of an existing workspace file through a checked descriptor. */
export async function rewriteFileSafe(abs: string, shown: string, content: string): Promise<void> {
  const fh = await openChecked(abs, shown, fs.O_RDWR);
  try {
    await fh.truncate(0);
    await fh.write(content, 0, 'utf8');
  } finally {
    await fh.close();
  }
}

/** Creates a new file (`O_EXCL`: an existing file or a planted symlink fails). */
export async function createFileSafe(abs: string, shown: string, content: string): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(abs, fs.O_WRONLY | fs.O_CREAT | fs.O_EXCL | fs.O_NOFOLLOW, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UnsafeFileError(shown, 'appeared while it was being created; view it and edit it instead');
    throw e;
  }
  try {
    await fh.writeFile(content, 'utf8');
  } finally {
    await fh.close();
  }
}
