// Finds the dataset to open: the `medco.dataset` setting (relative to the workspace folder), else
// the first file of the workspace that holds MultiMed-X rows.
import * as vscode from 'vscode';
import path from 'node:path';
import { open } from 'node:fs/promises';
import { DATASET_EXTENSIONS, isExcludedPath, looksLikeDataset } from './datasetSniff';
import { resolveInWorkspace, workspaceFolderFor } from './workspacePaths';

const HEAD_BYTES = 16 * 1024;

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function findDataset(): Promise<string | undefined> {
  const folder = workspaceFolderFor();
  const configured = resolveInWorkspace(vscode.workspace.getConfiguration('medco', folder).get<string>('dataset', ''), folder);
  if (configured) return configured;
  const pattern = `**/*{${DATASET_EXTENSIONS.join(',')}}`;
  const found = await vscode.workspace.findFiles(pattern, '**/{node_modules,.git,annotations,.medco-cache}/**', 200);
  const candidates = found
    .map((u) => u.fsPath)
    .filter((f) => !isExcludedPath(vscode.workspace.asRelativePath(f, false)))
    .sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
  for (const file of candidates) {
    try {
      if (looksLikeDataset(file, file.endsWith('.xlsx') ? '' : await readHead(file))) return file;
    } catch {
      // unreadable file: not a dataset candidate
    }
  }
  return undefined;
}
