import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IMPORT_KINDS, recogniseKind, type TImportKind } from './formats.ts';
import { type ImportFileOptions, importFile, type TFolderKeys, type TImportResult } from './importer.ts';
import { StopReading } from './issues.ts';
import { DEFAULT_MAX_BYTES, readTables, type TFileStats } from './read.ts';
import { cellText, isEmptyCell } from './values.ts';

export type TFolderFile = { path: string; name: string; bytes: number; kind: TImportKind | undefined };

/** Recognises a file's kind from its header row without reading the rest of it. */
export async function sniffKind(path: string): Promise<TImportKind | undefined> {
  const stream = createReadStream(path);
  const stats: TFileStats = { format: null, encoding: null, bytes: 0, sha256: null };
  try {
    for await (const table of readTables({
      fileName: path,
      content: stream,
      maxBytes: Number.POSITIVE_INFINITY,
      stats,
    })) {
      for await (const row of table.rows) {
        if (row.cells.every((cell) => isEmptyCell(cell))) continue;
        return recogniseKind(row.cells.map((cell) => (cell == null ? '' : cellText(cell))));
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof StopReading) return undefined;
    throw error;
  } finally {
    stream.destroy();
  }
}

/**
 * The spreadsheets of a folder in dependency order: organs, associations, links, posts, rosters;
 * files whose kind is not recognised come last (their import reports why).
 */
export async function listFolder(folder: string): Promise<TFolderFile[]> {
  const names = (await readdir(folder))
    .filter((name) => /\.(csv|xlsx)$/i.test(name) && !name.startsWith('~$'))
    .sort();
  const files: TFolderFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    files.push({ path, name, bytes: (await stat(path)).size, kind: await sniffKind(path) });
  }
  const rank = (kind: TImportKind | undefined) => (kind ? IMPORT_KINDS.indexOf(kind) : IMPORT_KINDS.length);
  return files.sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name));
}

export type ImportFolderOptions = Omit<
  ImportFileOptions,
  'fileName' | 'content' | 'folderKeys' | 'definedKeys' | 'assumedKeys' | 'onProgress'
> & {
  folder: string;
  onFile?: (file: TFolderFile, index: number, total: number) => void;
  onProgress?: (file: TFolderFile, progress: { rows: number; bytes: number }) => void;
};

const emptyKeys = (): TFolderKeys => ({ association: new Map(), organ: new Map() });

function merge(into: TFolderKeys, from: TFolderKeys): void {
  for (const [key, file] of from.association) into.association.set(key, file);
  for (const [key, file] of from.organ) into.organ.set(key, file);
}

/**
 * Imports every spreadsheet of a folder in dependency order, each file all-or-nothing on its own.
 * A reference to a record defined by a file of the folder that did not land names that file.
 */
export async function importFolder(options: ImportFolderOptions): Promise<TImportResult[]> {
  const { folder, onFile, onProgress, ...common } = options;
  const files = await listFolder(folder);
  const failed = emptyKeys();
  const checked = emptyKeys();
  const results: TImportResult[] = [];
  for (const [index, file] of files.entries()) {
    onFile?.(file, index, files.length);
    const defined = emptyKeys();
    const stream = createReadStream(file.path);
    try {
      const result = await importFile({
        ...common,
        fileName: file.name,
        content: stream,
        maxBytes: common.maxBytes ?? DEFAULT_MAX_BYTES,
        folderKeys: failed,
        definedKeys: defined,
        ...(common.dryRun ? { assumedKeys: checked } : {}),
        onProgress: (progress) => onProgress?.(file, progress),
      });
      merge(result.ok ? checked : failed, defined);
      results.push(result);
    } finally {
      stream.destroy();
    }
  }
  return results;
}
