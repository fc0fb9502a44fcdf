/**
 * The extension inside a real VS Code extension host: activation, diagnostics as the user sees
 * them (`vscode.languages.getDiagnostics`), every language feature through VS Code's own
 * `vscode.execute…Provider` commands, a quick fix applied through `workspace.applyEdit`, the
 * preview panel and the exports. The workspace is a temporary copy of samples/ (the runners make
 * it). Tests wait on VS Code's events, each wait with a limit that fails with what it saw.
 */

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FIXTURES } from '../../lsp/fixtures';

export const EXTENSION_ID = 'trial-protocol.trial-protocol-language';
export const WAIT_MS = 20_000;
export const MAIN_SAMPLE = 'NCT04669496.trial';
export const OTHER_SAMPLE = 'NCT03951597.trial';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder holding copies of the samples');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function severityName(diagnostic: vscode.Diagnostic): string {
  return vscode.DiagnosticSeverity[diagnostic.severity].toLowerCase();
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d)} ${codeOf(d)} ${d.message}`).join('\n');
}

/** Resolves once `predicate` holds for the document's diagnostics: at once, or after a change event. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return;
      finish();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          `${what}: not within ${WAIT_MS / 1000} s; the diagnostics of ${path.basename(uri.path)} are:\n${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, WAIT_MS);
    function finish() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/**
 * Resolves with the first value `accept` maps to something defined: of the state now (`accept`
 * gets undefined) or after an `event`; rejects after the limit.
 */
export function until<E, T>(event: vscode.Event<E>, what: () => string, accept: (value: E | undefined) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = event((value) => {
      const result = accept(value);
      if (result === undefined) return;
      finish();
      resolve(result);
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${what()}: not within ${WAIT_MS / 1000} s`));
    }, WAIT_MS);
    function finish() {
      clearTimeout(timer);
      subscription.dispose();
    }
    const now = accept(undefined);
    if (now !== undefined) {
      finish();
      resolve(now);
    }
  });
}

/** The diagnostics the samples keep, read from docs/diagnostics.md ("Diagnostics the samples keep"): `CODE severity` by sample. */
function documentedDiagnostics(extensionPath: string): Map<string, string[]> {
  const doc = readFileSync(path.join(extensionPath, 'docs', 'diagnostics.md'), 'utf8');
  const section = doc.split('## Diagnostics the samples keep')[1]?.split(/\n## /)[0];
  assert.ok(section, 'docs/diagnostics.md has a section "Diagnostics the samples keep"');
  const bySample = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of section.split('\n')) {
    const sample = /^- `samples\/([^`]+)`/.exec(line);
    if (sample) bySample.set(sample[1], (current = []));
    // `  - TPL255 (x4):` is four warnings; `  - TPL263 (information):` one information.
    const code = /^ {2}- (TPL\d+)(?: \(([\w, ]+)\))?:/.exec(line);
    if (!code || !current) continue;
    const words = (code[2] ?? '').split(/,\s*/).filter(Boolean);
    const times = Number(/^x(\d+)$/.exec(words.find((word) => /^x\d+$/.test(word)) ?? '')?.[1] ?? 1);
    const severity = words.find((word) => !/^x\d+$/.test(word)) ?? 'warning';
    for (let i = 0; i < times; i++) current.push(`${code[1]} ${severity}`);
  }
  return bySample;
}

/**
 * Opens a document that should have no diagnostic and proves the server finds none: an edit that
 * breaks a unit must bring an error, and undoing it must clear every diagnostic (the text is then
 * the file's own again). Waiting on events, never on time.
 */
async function showsNoDiagnostics(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const original = document.getText();
  // A dose line's unit (not one in a description or a comment): `    atezolizumab 1200 mg IV …`.
  const unit = /^[ \t]+[a-z_]+ [0-9.]+ (?=mg\b)/m.exec(original);
  assert.ok(unit, `${path.basename(uri.path)} has a dose line in mg to break`);
  const at = document.positionAt(unit.index + unit[0].length);
  const breaking = new vscode.WorkspaceEdit();
  breaking.insert(uri, at, 'x');
  assert.equal(await vscode.workspace.applyEdit(breaking), true);
  await diagnosticsWhere(uri, `an error in ${path.basename(uri.path)} after breaking a unit`, (d) =>
    d.some((x) => x.severity === vscode.DiagnosticSeverity.Error),
  );
  const mending = new vscode.WorkspaceEdit();
  mending.delete(uri, new vscode.Range(at, at.translate(0, 1)));
  assert.equal(await vscode.workspace.applyEdit(mending), true);
  await diagnosticsWhere(uri, `no diagnostic in ${path.basename(uri.path)}`, (d) => d.length === 0);
  assert.equal(document.getText(), original);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** Opens a document, shows it, and waits for its diagnostics. */
export async function openWithDiagnostics(uri: vscode.Uri): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const diagnostics = await diagnosticsWhere(uri, `diagnostics of ${path.basename(uri.path)}`, (d) => d.length > 0);
  return { document, diagnostics };
}

/** The position of the first occurrence of `text` in the document (plus `delta` characters), failing when it is absent. */
export function positionOf(document: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `'${text}' is in ${path.basename(document.uri.path)}`);
  return document.positionAt(offset + delta);
}

/** Replaces the first occurrence of `from` with `to` through a workspace edit. */
export async function replaceText(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const start = positionOf(document, from);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(start, start.translate(0, from.length)), to);
  assert.equal(await vscode.workspace.applyEdit(edit), true, `the edit '${from}' -> '${to}' applies`);
}

/**
 * A new `.trial` file in the workspace with `text`, where `$0` marks a cursor (returned), shown
 * in an editor. Files rather than untitled documents: a test can save what it changed, and
 * closing the editor then asks nothing.
 */
export async function scratchFile(name: string, text: string): Promise<{ document: vscode.TextDocument; cursor: vscode.Position }> {
  const at = text.indexOf('$0');
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.replace('$0', '')));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return { document, cursor: document.positionAt(Math.max(at, 0)) };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The labels of the language server's items (VS Code adds the extension's snippets to the list). */
function completionLabels(list: vscode.CompletionList): string[] {
  return list.items
    .filter((item) => item.kind !== vscode.CompletionItemKind.Snippet)
    .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

export function previewTab(label: string): vscode.Tab | undefined {
  return allTabs().find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === label);
}

/** Waits until a webview tab labelled `label` is open. */
export function previewTabOpens(label: string): Promise<vscode.Tab> {
  return until(
    vscode.window.tabGroups.onDidChangeTabs,
    () =>
      `a webview tab '${label}' (tabs: ${allTabs()
        .map((tab) => tab.label)
        .join(', ')})`,
    () => previewTab(label),
  );
}

export async function closeAllEditors(): Promise<void> {
  await vscode.window.tabGroups.close(allTabs());
}

/** What the extension's `activate` returns, as far as the tests use it. */
interface ExtensionExports {
  readonly client?: unknown;
  readonly reports?: { reveal(report: 'compare' | 'screen', message: unknown): Promise<vscode.TextEditor | undefined> };
}

/** A change as Trial: Compare with… returns it. */
interface ChangeRow {
  readonly kind: string;
  readonly what: string;
  readonly old: unknown;
  readonly new: unknown;
  readonly oldLine: number | null;
  readonly newLine: number | null;
  readonly direction: string | null;
}

/** The 1-based line of the first line of `text` holding `needle`. */
function lineHolding(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `'${needle}' is in the text`);
  return index + 1;
}

/** A synthetic FHIR R4 patient (made up here, no real person): born 1965, albumin 38 g/L, ECOG 0, prior pembrolizumab. */
const PATIENT_BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Patient', id: 'synthetic-1', birthDate: '1965-07-14', gender: 'female' } },
    {
      resource: {
        resourceType: 'Observation',
        id: 'alb',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '1751-7' }] },
        effectiveDateTime: '2024-04-20',
        valueQuantity: { value: 38, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' },
      },
    },
    {
      resource: {
        resourceType: 'Observation',
        id: 'ecog',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '89247-1' }] },
        effectiveDateTime: '2024-04-20',
        valueInteger: 0,
      },
    },
    { resource: { resourceType: 'MedicationStatement', id: 'ms1', status: 'completed', medicationCodeableConcept: { text: 'pembrolizumab' } } },
  ],
};

/** Registers the suite with mocha (index.ts calls it after mocha's 'pre-require'). */
export function registerExtensionTests(): void {
  describe('Trial Protocol extension in VS Code', () => {
    let extension: vscode.Extension<ExtensionExports>;

    before(() => {
      const found = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
      assert.ok(found, `the extension ${EXTENSION_ID} is loaded`);
      extension = found;
    });

    it('activates when a .trial file is opened, and its language server publishes diagnostics', async () => {
      assert.equal(extension.isActive, false, 'nothing activates the extension before a .trial file is open');
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      assert.equal(document.languageId, 'trial');
      assert.equal(extension.isActive, true);
      assert.ok(extension.exports?.client, 'activate returns the running language client');
    });

    it('shows each sample with no error and exactly the diagnostics docs/diagnostics.md documents', async () => {
      const documented = documentedDiagnostics(extension.extensionPath);
      const samples = readdirSync(path.join(extension.extensionPath, 'samples')).filter((name) => name.endsWith('.trial'));
      assert.deepEqual([...documented.keys()].sort(), samples.sort(), 'docs/diagnostics.md lists every sample');
      for (const [sample, expected] of documented) {
        if (expected.length === 0) {
          await showsNoDiagnostics(workspaceUri(sample));
          continue;
        }
        const { diagnostics } = await openWithDiagnostics(workspaceUri(sample));
        const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        assert.deepEqual(errors, [], `${sample} has errors:\n${describeDiagnostics(errors)}`);
        assert.deepEqual(
          diagnostics.map((d) => `${codeOf(d)} ${severityName(d)}`).sort(),
          [...expected].sort(),
          `${sample}:\n${describeDiagnostics(diagnostics)}`,
        );
        for (const diagnostic of diagnostics) assert.equal(diagnostic.source, 'trial');
      }
    });

    it('marks a dose far above the label as an error while it is there, and clears it when it is undone', async () => {
      const uri = workspaceUri(MAIN_SAMPLE);
      const { document, diagnostics: initial } = await openWithDiagnostics(uri);
      const original = document.getText();
      const doseLine = positionOf(document, 'gemcitabine 1 g/m2 days 1, 8').line;

      await replaceText(document, 'gemcitabine 1 g/m2', 'gemcitabine 10000 mg/m2');
      const withError = await diagnosticsWhere(uri, 'a TPL221 error for gemcitabine 10000 mg/m2', (d) => d.some((x) => codeOf(x) === 'TPL221'));
      const [beyond] = withError.filter((d) => codeOf(d) === 'TPL221');
      assert.equal(beyond.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(beyond.range.start.line, doseLine, `TPL221 is on the dose line:\n${describeDiagnostics(withError)}`);

      await replaceText(document, 'gemcitabine 10000 mg/m2', 'gemcitabine 1 g/m2');
      const after = await diagnosticsWhere(uri, 'TPL221 gone after the dose is restored', (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'TPL221'));
      assert.equal(document.getText(), original);
      assert.deepEqual(after.map(codeOf).sort(), initial.map(codeOf).sort());
      await document.save();
    });

    it('hovers a drug in a dose line with the dose in mg/m2', async () => {
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        positionOf(document, 'oxaliplatin 85 mg/m2', 3),
      );
      const text = hoverText(hovers);
      assert.ok(text.includes('mg/m2'), `hover: ${text}`);
      assert.ok(text.includes('**oxaliplatin**'), `hover names the drug: ${text}`);
      assert.ok(text.includes('85 mg/m2'), `hover gives the line's dose: ${text}`);
    });

    it('completes the declared drugs in an arm, and no eligibility keyword', async () => {
      const { document, cursor } = await scratchFile('complete.trial', FIXTURES.completeArmStatement);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
      const labels = completionLabels(list);
      for (const expected of ['capecitabine', 'gemcitabine', 'oxaliplatin', 'cycle'])
        assert.ok(labels.includes(expected), `'${expected}' in: ${labels.join(', ')}`);
      for (const unexpected of ['include', 'title']) assert.ok(!labels.includes(unexpected), `'${unexpected}' not in: ${labels.join(', ')}`);
    });

    it('goes from a dose line to the drug declaration', async () => {
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      const results = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        positionOf(document, 'oxaliplatin 85 mg/m2', 2),
      );
      assert.equal(results.length, 1, JSON.stringify(results));
      const [target] = results;
      const uri = 'targetUri' in target ? target.targetUri : target.uri;
      const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
      assert.equal(uri.toString(), document.uri.toString());
      assert.equal(range.start.line, positionOf(document, 'drug oxaliplatin').line);
      assert.equal(document.getText(range), 'oxaliplatin');
    });

    it('renames a drug at its declaration and its dose line, not in strings', async () => {
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        document.uri,
        positionOf(document, 'oxaliplatin 85 mg/m2'),
        'oxali',
      );
      assert.deepEqual(
        edit.entries().map(([uri]) => uri.toString()),
        [document.uri.toString()],
      );
      assert.deepEqual(
        edit
          .get(document.uri)
          .map((e) => [e.range.start.line, document.getText(e.range), e.newText])
          .sort(),
        [
          [positionOf(document, 'drug oxaliplatin').line, 'oxaliplatin', 'oxali'],
          [positionOf(document, 'oxaliplatin 85 mg/m2').line, 'oxaliplatin', 'oxali'],
        ].sort(),
      );
    });

    it('formats a messy document into the canonical layout', async () => {
      const { document } = await scratchFile('messy.trial', FIXTURES.messy);
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, {
        tabSize: 2,
        insertSpaces: true,
      });
      assert.ok(edits.length > 0, 'a messy document has something to format');
      const edit = new vscode.WorkspaceEdit();
      edit.set(document.uri, edits);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(document.getText(), FIXTURES.messyFormatted);
      await document.save();
    });

    it("fixes a misspelt drug with the quick fix 'Change to oxaliplatin'", async () => {
      const uri = workspaceUri(MAIN_SAMPLE);
      const { document } = await openWithDiagnostics(uri);
      const original = document.getText();
      await replaceText(document, 'oxaliplatin 85 mg/m2', 'oxaliplatine 85 mg/m2');
      const withTypo = await diagnosticsWhere(uri, 'TPL211 for oxaliplatine', (d) => d.some((x) => codeOf(x) === 'TPL211'));
      const [unknown] = withTypo.filter((d) => codeOf(d) === 'TPL211');
      assert.equal(document.getText(unknown.range), 'oxaliplatine');

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, unknown.range);
      const fix = actions.find((a): a is vscode.CodeAction => a.title === "Change to 'oxaliplatin'" && 'edit' in a);
      assert.ok(fix?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.kind?.value, 'quickfix');
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      assert.equal(document.getText(), original);
      await diagnosticsWhere(uri, 'TPL211 gone after the quick fix', (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'TPL211'));
      await document.save();
    });

    it('opens the preview of the active file in a webview panel, beside it with "to the Side", and follows the active editor', async () => {
      await closeAllEditors();
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      const editorGroup = vscode.window.tabGroups.activeTabGroup.viewColumn;

      const opened = previewTabOpens(`Preview ${MAIN_SAMPLE}`);
      await vscode.commands.executeCommand('trial.openPreview');
      const inPlace = await opened;
      assert.equal(inPlace.group.viewColumn, editorGroup, '"Open Preview" opens in the editor’s group');
      const viewType = (inPlace.input as vscode.TabInputWebview).viewType;
      assert.ok(viewType.endsWith('trial.preview'), viewType);
      await vscode.window.tabGroups.close(inPlace);
      assert.equal(previewTab(`Preview ${MAIN_SAMPLE}`), undefined, 'the preview tab is closed');

      await vscode.window.showTextDocument(document);
      const besideOpened = previewTabOpens(`Preview ${MAIN_SAMPLE}`);
      await vscode.commands.executeCommand('trial.openPreviewToSide');
      const beside = await besideOpened;
      assert.notEqual(beside.group.viewColumn, editorGroup, '"Open Preview to the Side" opens in another group');

      const followed = previewTabOpens(`Preview ${OTHER_SAMPLE}`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(OTHER_SAMPLE)), vscode.ViewColumn.One);
      await followed;
      await closeAllEditors();
    });

    it('exports the active file as Markdown, as ClinicalTrials.gov JSON and as USDM JSON into new editors', async () => {
      const exports: vscode.TextDocument[] = [];
      for (const [command, language, check] of [
        [
          'trial.exportMarkdown',
          'markdown',
          (text: string) => assert.ok(text.includes('NCT04669496') && text.includes('oxaliplatin 85 mg/m2'), text.slice(0, 500)),
        ],
        [
          'trial.exportCtgov',
          'json',
          (text: string) => assert.equal((JSON.parse(text) as { identificationModule?: { nctId?: string } }).identificationModule?.nctId, 'NCT04669496'),
        ],
        ['trial.exportUsdm', 'json', (text: string) => assert.equal((JSON.parse(text) as { study?: { name?: string } }).study?.name, 'NCT04669496')],
      ] as const) {
        await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
        const opened = until(
          vscode.window.onDidChangeActiveTextEditor,
          () => `${command} shows a ${language} editor`,
          (editor) => (editor?.document.languageId === language ? editor.document : undefined),
        );
        await vscode.commands.executeCommand(command);
        const exported = await opened;
        assert.equal(exported.isUntitled, true, 'the export is a new, unsaved document');
        check(exported.getText());
        exports.push(exported);
      }
      // Reverted before closing: closing an unsaved document would ask whether to save it.
      for (const exported of exports) {
        await vscode.window.showTextDocument(exported);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await closeAllEditors();
    });

    it('Trial: Compare with… another .trial file shows the summary of changes; its links reveal the line in either version', async () => {
      await closeAllEditors();
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      const oldText = readFileSync(workspaceUri(OTHER_SAMPLE).fsPath, 'utf8');
      const title = `Compare ${OTHER_SAMPLE} ↔ ${MAIN_SAMPLE}`;
      const opened = previewTabOpens(title);
      const result = await vscode.commands.executeCommand<{ changes?: ChangeRow[]; problem?: string }>('trial.compareWith', workspaceUri(OTHER_SAMPLE));
      assert.ok(result?.changes, `the comparison ran: ${JSON.stringify(result)}`);
      const albumin = result.changes.find((change) => change.what === 'inclusion: albumin (lower limit)');
      assert.deepEqual(
        [albumin?.old, albumin?.new, albumin?.direction, albumin?.oldLine, albumin?.newLine],
        ['>= 3 g/dL', '>= 3.5 g/dL', 'tightened', lineHolding(oldText, 'albumin >= 3 g/dL'), lineHolding(document.getText(), 'albumin >= 3.5 g/dL')],
      );
      const age = result.changes.find((change) => change.what === 'maximum age');
      assert.deepEqual([age?.old, age?.new, age?.direction], ['75 years', '70 years', 'tightened']);
      const tab = await opened;
      assert.ok((tab.input as vscode.TabInputWebview).viewType.endsWith('trial.compare'));

      // A row's links, as the page sends them: the old version's line, then the new one's.
      const reports = extension.exports.reports;
      assert.ok(reports, 'activate returns the reports API');
      const oldEditor = await reports.reveal('compare', { type: 'reveal', side: 'old', offset: oldText.indexOf('albumin >= 3 g/dL') });
      assert.equal(path.basename(oldEditor?.document.uri.path ?? ''), OTHER_SAMPLE);
      assert.equal(oldEditor?.selection.active.line, lineHolding(oldText, 'albumin >= 3 g/dL') - 1);
      const newEditor = await reports.reveal('compare', { type: 'reveal', side: 'new', offset: document.getText().indexOf('albumin >= 3.5 g/dL') });
      assert.equal(newEditor?.document.uri.toString(), document.uri.toString());
      assert.equal(newEditor?.selection.active.line, lineHolding(document.getText(), 'albumin >= 3.5 g/dL') - 1);
      await closeAllEditors();
    });

    it('Trial: Compare with… the last committed version, through the built-in Git extension, or says why it cannot', async () => {
      await closeAllEditors();
      const uri = workspaceUri(MAIN_SAMPLE);
      const folder = path.dirname(uri.fsPath);
      const { document } = await openWithDiagnostics(uri);
      const git = vscode.extensions.getExtension('vscode.git');
      if (!git) {
        // An editor without the Git extension: the command must say so in one clear message.
        const result = await vscode.commands.executeCommand<{ problem?: string }>('trial.compareWith', 'HEAD');
        assert.match(result?.problem ?? '', /^Git is not available: /);
        return;
      }
      const notYet = await vscode.commands.executeCommand<{ problem?: string }>('trial.compareWith', 'HEAD');
      assert.match(notYet?.problem ?? '', new RegExp(`^${MAIN_SAMPLE.replace('.', '\\.')} is not in a Git repository`));

      const gitCommand = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=Trial Tests', '-c', 'user.email=tests@example.invalid', ...args], { cwd: folder });
      gitCommand('init', '--quiet');
      gitCommand('add', '.');
      gitCommand('commit', '--quiet', '-m', 'the samples as committed');
      const committed = document.getText();
      await replaceText(document, 'platelets >= 90 x10^9/L', 'platelets >= 75 x10^9/L');
      const title = `Compare ${MAIN_SAMPLE} (last commit) ↔ ${MAIN_SAMPLE}`;
      const opened = previewTabOpens(title);
      const result = await vscode.commands.executeCommand<{ changes?: ChangeRow[]; problem?: string }>('trial.compareWith', 'HEAD');
      assert.ok(result?.changes, `the comparison ran: ${JSON.stringify(result)}`);
      assert.deepEqual(
        result.changes.map((change) => [change.kind, change.what, change.old, change.new, change.direction]),
        [['changed', 'inclusion: platelets (lower limit)', '>= 90 x10^9/L', '>= 75 x10^9/L', 'loosened']],
      );
      await opened;
      // The old side of a link opens the committed text.
      const oldEditor = await extension.exports.reports!.reveal('compare', { type: 'reveal', side: 'old', offset: committed.indexOf('platelets >= 90') });
      assert.equal(oldEditor?.document.getText(), committed);
      assert.equal(oldEditor?.selection.active.line, lineHolding(committed, 'platelets >= 90') - 1);
      await replaceText(document, 'platelets >= 75 x10^9/L', 'platelets >= 90 x10^9/L');
      await document.save();
      await closeAllEditors();
    });

    it('Trial: Screen a Patient… shows each criterion’s result; a row reveals its criterion; a bad file gets one message', async () => {
      await closeAllEditors();
      const { document } = await openWithDiagnostics(workspaceUri(MAIN_SAMPLE));
      const bundleUri = workspaceUri('synthetic-patient.json');
      await vscode.workspace.fs.writeFile(bundleUri, new TextEncoder().encode(JSON.stringify(PATIENT_BUNDLE)));
      const opened = previewTabOpens('Screen synthetic-patient.json');
      const result = await vscode.commands.executeCommand<{
        verdict?: string;
        criteria?: { line: number; text: string; outcome: string; evidence: { reason: string; value?: number } }[];
        problem?: string;
      }>('trial.screenPatient', bundleUri, '2024-05-01');
      assert.ok(result?.criteria, `the screening ran: ${JSON.stringify(result)}`);
      assert.equal(result.verdict, 'ineligible', 'prior pembrolizumab, a PD1 antibody, excludes');
      const byText = (start: string) => result.criteria!.find((criterion) => criterion.text.startsWith(start));
      assert.deepEqual([byText('albumin')?.outcome, byText('albumin')?.evidence.value], ['pass', 3.8]);
      assert.equal(byText('albumin')?.line, lineHolding(document.getText(), 'albumin >= 3.5 g/dL'));
      assert.equal(byText('ecog')?.outcome, 'pass');
      assert.equal(byText('age')?.outcome, 'pass');
      assert.equal(byText('prior')?.outcome, 'fail');
      assert.equal(byText('platelets >= 90')?.outcome, 'unknown');
      assert.equal(result.criteria.length, 49, 'every criterion, group members included');
      await opened;
      const editor = await extension.exports.reports!.reveal('screen', { type: 'reveal', offset: document.getText().indexOf('platelets >= 90') });
      assert.equal(editor?.document.uri.toString(), document.uri.toString());
      assert.equal(editor?.selection.active.line, lineHolding(document.getText(), 'platelets >= 90') - 1);

      const badUri = workspaceUri('not-a-bundle.json');
      await vscode.workspace.fs.writeFile(badUri, new TextEncoder().encode(JSON.stringify({ resourceType: 'Patient', id: 'x' })));
      await vscode.window.showTextDocument(document);
      const refused = await vscode.commands.executeCommand<{ problem?: string }>('trial.screenPatient', badUri);
      assert.equal(refused?.problem, 'not-a-bundle.json: is a FHIR Patient, not a Bundle');
      await closeAllEditors();
    });
  });
}
