// Shows dataset, trace and annotation problems ("file:line: reason") in the Problems view and an
// output channel. Problems never block a load: they are reported next to what did load.
import * as vscode from 'vscode';
import type { SourceProblem } from '../core/types';
import { formatProblem } from '../core/dataset/problems';

export class ProblemsReporter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('medco');
  constructor(private readonly output: vscode.LogOutputChannel) {}

  report(problems: readonly SourceProblem[], isError: (p: SourceProblem) => boolean): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const line = Math.max(0, p.line - 1);
      const d = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        // A spreadsheet's row is not a line of the .xlsx: the cell tells where to look.
        p.cell === undefined ? p.message : `${p.cell}: ${p.message}`,
        isError(p) ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'medco';
      const list = byFile.get(p.file) ?? [];
      list.push(d);
      byFile.set(p.file, list);
      const text = formatProblem(p);
      if (isError(p)) this.output.error(text);
      else this.output.warn(text);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}
