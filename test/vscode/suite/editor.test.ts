/**
 * The editor conveniences of the extension inside a real VS Code extension host (issue 18): word
 * wrap by default, code lenses over arms and cycles and the "Preview" lens, the quick fix that
 * suppresses a diagnostic with a comment, fix-all on save as `source.fixAll.trial`, code links
 * that open the rule's documentation (and whose anchors exist in VS Code's rendering of
 * docs/diagnostics.md), completion lists as the editor receives them, and a restart of the
 * language server that logs no error. Registered after the suite of extension.test.ts, whose
 * first test needs the extension not yet active.
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeAnchor, Codes, type Code } from '../../../server/src/language/codes';
import {
  allTabs,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  diagnosticsWhere,
  EXTENSION_ID,
  MAIN_SAMPLE,
  openWithDiagnostics,
  positionOf,
  previewTabOpens,
  scratchFile,
  until,
} from './extension.test';

interface Api {
  readonly client: { readonly state: number };
  outputText(): string;
}

function api(): Api {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** The labels of a completion list, in the order VS Code shows them before filtering (by sort text, then label). */
function sortedLabels(list: vscode.CompletionList): string[] {
  const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
  return [...list.items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)) || label(a).localeCompare(label(b))).map(label);
}

/** Resolves when the document's diagnostics have been cleared and published again (a server restart). */
function republished(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  let cleared = false;
  return until(
    vscode.languages.onDidChangeDiagnostics,
    () => `the diagnostics of ${path.basename(uri.path)} cleared and published again`,
    (event) => {
      if (!event || !event.uris.some((changed) => changed.toString() === uri.toString())) return undefined;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (diagnostics.length === 0) cleared = true;
      return cleared && diagnostics.length > 0 ? diagnostics : undefined;
    },
  );
}

/** Registers the suite with mocha. */
export function registerEditorTests(): void {
  describe('Trial Protocol extension: editor conveniences', () => {
    afterEach(async () => {
      await closeAllEditors();
    });

    it('wraps long lines in .trial files by default', async () => {
      await openWithDiagnostics(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, MAIN_SAMPLE));
      assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'trial' }).get('wordWrap'), 'on');
    });

    it('shows code lenses over arms and cycles with their counts and totals, and a "Preview" lens that opens the preview', async () => {
      const { document } = await openWithDiagnostics(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, MAIN_SAMPLE));
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      const shown = lenses.map((lens) => `${lens.range.start.line + 1} ${lens.command?.title}`);
      const armLine = positionOf(document, 'arm neoadjuvant').line + 1;
      const cycleLine = positionOf(document, 'cycle 21 days x 3').line + 1;
      assert.ok(shown.includes(`${armLine} 5 drugs · 11 cycles · 299 administrations`), shown.join('\n'));
      assert.ok(shown.includes(`${cycleLine} 3 x 21 days = 63 days · oxaliplatin 255 mg/m2, gemcitabine 6000 mg/m2 in total`), shown.join('\n'));
      const preview = lenses.find((lens) => lens.command?.title === 'Preview' && lens.range.start.line + 1 === armLine);
      assert.ok(preview?.command, shown.join('\n'));
      assert.equal(preview.command.command, 'trial.showPreview');

      const opened = previewTabOpens(`Preview ${MAIN_SAMPLE}`);
      await vscode.commands.executeCommand(preview.command.command, ...(preview.command.arguments ?? []));
      await opened;
    });

    it('suppresses one diagnostic with a comment above its line, indented like it, and the diagnostic goes', async () => {
      const { document } = await scratchFile('suppress.trial', 'arm a "A" other {\n  cycle 21 days x 3 {\n    gemcitabine 2000 mg/m2 days 1, 8\n  }\n}\n');
      const withWarning = await diagnosticsWhere(document.uri, 'TPL220 for gemcitabine 2000 mg/m2', (d) => d.some((x) => codeOf(x) === 'TPL220'));
      const [outside] = withWarning.filter((d) => codeOf(d) === 'TPL220');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, outside.range);
      const suppress = actions.find((action) => action.title === 'Suppress TPL220 on this line');
      assert.ok(suppress?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(suppress.kind?.value, 'quickfix');
      assert.equal(await vscode.workspace.applyEdit(suppress.edit), true);
      assert.equal(
        document.getText(),
        'arm a "A" other {\n  cycle 21 days x 3 {\n    // trial-disable-next-line TPL220\n    gemcitabine 2000 mg/m2 days 1, 8\n  }\n}\n',
      );
      await diagnosticsWhere(document.uri, 'TPL220 gone after the suppression comment', (d) => !d.some((x) => codeOf(x) === 'TPL220'));
      await document.save();
    });

    it('applies the safe fixes on save with editor.codeActionsOnSave { "source.fixAll.trial": "explicit" }', async () => {
      const editorSettings = vscode.workspace.getConfiguration('editor', { languageId: 'trial' });
      await editorSettings.update('codeActionsOnSave', { 'source.fixAll.trial': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      try {
        const { document } = await scratchFile('fix-on-save.trial', 'arm a "A" other {\n  oxaliplatine 85 mg/m2 day 1\n}\n');
        // One edit from a known drug and not declared: TPL211, whose preferred fix is the drug's name.
        await diagnosticsWhere(document.uri, 'TPL211 for oxaliplatine', (d) => d.some((x) => codeOf(x) === 'TPL211'));
        const edit = new vscode.WorkspaceEdit();
        edit.insert(document.uri, new vscode.Position(3, 0), '\n');
        assert.equal(await vscode.workspace.applyEdit(edit), true);
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.save');
        assert.equal(document.isDirty, false, 'the document is saved');
        assert.equal(document.getText(), 'arm a "A" other {\n  oxaliplatin 85 mg/m2 day 1\n}\n\n');
      } finally {
        await editorSettings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      }
    });

    it("opens a diagnostic's code link on the rule: an editor showing that code's documentation", async () => {
      const { diagnostics } = await openWithDiagnostics(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, MAIN_SAMPLE));
      const required = diagnostics.find((d) => codeOf(d) === 'TPL254');
      assert.ok(required, describeDiagnostics(diagnostics));
      const code = required.code;
      assert.ok(typeof code === 'object' && code.target, 'the code is a link');
      assert.equal(code.target.scheme, 'trial-rule');
      assert.equal(code.target.path, '/TPL254 registry.required-field');

      const opened = until(
        vscode.window.tabGroups.onDidChangeTabs,
        () =>
          `a tab for TPL254 (tabs: ${allTabs()
            .map((tab) => tab.label)
            .join(', ')})`,
        () => allTabs().find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === 'trial.rule'),
      );
      await vscode.commands.executeCommand('vscode.open', code.target);
      const tab = await opened;
      assert.equal(tab.label, 'TPL254 registry.required-field');
    });

    it("finds every code's anchor in VS Code's own rendering of docs/diagnostics.md", async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const docs = readFileSync(path.join(extension.extensionPath, 'docs', 'diagnostics.md'), 'utf8');
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', docs);
      const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]));
      const missing = Object.keys(Codes).filter((code) => !ids.has(codeAnchor(code as Code)));
      assert.deepEqual(missing, [], `anchors rendered: ${[...ids].filter((id) => id.startsWith('tpl')).join(', ')}`);
    });

    it('completes at a statement start with keywords, their trailing space and snippets, and no duplicate', async () => {
      const { document, cursor } = await scratchFile('complete-top.trial', 'drug gemcitabine\n$0\n');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
      const labels = sortedLabels(list);
      assert.equal(new Set(labels).size, labels.length, `duplicates in: ${labels.join(', ')}`);
      for (const expected of ['trial', 'arm', 'eligibility', 'trial block', 'arm block'])
        assert.ok(labels.includes(expected), `'${expected}' in: ${labels.join(', ')}`);
      const arm = list.items.find((item) => item.label === 'arm');
      const insert = arm?.textEdit instanceof vscode.TextEdit ? arm.textEdit.newText : arm?.insertText;
      assert.equal(insert, 'arm ', 'a keyword inserts its trailing space');

      const { document: afterDrug, cursor: drugCursor } = await scratchFile('complete-drug.trial', 'drug gemcitabine\ndrug $0\n');
      const drugs = sortedLabels(
        await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', afterDrug.uri, drugCursor),
      );
      assert.ok(drugs.includes('oxaliplatin') && drugs.includes('capecitabine'), drugs.slice(0, 20).join(', '));
      assert.ok(!drugs.includes('gemcitabine'), 'a declared drug is not offered again');
      assert.ok(!drugs.some((label) => label.endsWith(' block')), `no snippet after 'drug ': ${drugs.slice(0, 20).join(', ')}`);
    });

    it('restarts the language server (Trial: Restart Language Server) without logging an error', async () => {
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, MAIN_SAMPLE);
      await openWithDiagnostics(uri);
      const before = api().outputText().length;
      const again = republished(uri);
      await vscode.commands.executeCommand('trial.restartServer');
      await again;
      const logged = api().outputText().slice(before);
      assert.ok(!/\[Error/i.test(logged), `the restart logged an error:\n${logged}`);
      assert.equal(api().client.state, 2 /* State.Running */);
    });
  });
}
