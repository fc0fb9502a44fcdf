/**
 * The extension's manifest (package.json `contributes`) against the server's side of the
 * contract: the semantic token legend, the settings and their defaults, the diagnostic codes;
 * and the declarative files the manifest points at (grammar, language configuration).
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Codes } from '../../server/src/language/codes';
import { DEFAULT_SETTINGS, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/legend';
import { ADMINISTRATION_MODE, AGE_UNIT, ENUMS, PHASE, PHASE_NAME, ROUTE, STOP_REASON, WINDOW_ANCHOR } from '../../server/src/language/enums';
import { FIELD_SPECS } from '../../server/src/language/fields';
import { FREQUENCY_WORDS, PHASE_KEYWORDS, ROUTES } from '../../server/src/language/vocabulary';

const ROOT = join(__dirname, '..', '..');

/** The standard semantic token types and modifiers of LSP 3.17, which need no declaration. */
const STANDARD_TOKEN_TYPES = new Set([
  'namespace',
  'type',
  'class',
  'enum',
  'interface',
  'struct',
  'typeParameter',
  'parameter',
  'variable',
  'property',
  'enumMember',
  'event',
  'function',
  'method',
  'macro',
  'keyword',
  'modifier',
  'comment',
  'string',
  'number',
  'regexp',
  'operator',
  'decorator',
]);
const STANDARD_TOKEN_MODIFIERS = new Set([
  'declaration',
  'definition',
  'readonly',
  'static',
  'deprecated',
  'abstract',
  'async',
  'modification',
  'documentation',
  'defaultLibrary',
]);

interface JsonSchema {
  readonly type?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly propertyNames?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
}

interface Manifest {
  readonly main: string;
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly languages: readonly { id: string; extensions: readonly string[]; configuration: string }[];
    readonly grammars: readonly { language: string; scopeName: string; path: string }[];
    readonly commands: readonly { command: string; title: string; category?: string }[];
    readonly configuration: { readonly properties: Readonly<Record<string, JsonSchema>> };
    readonly semanticTokenTypes: readonly { id: string; superType: string; description: string }[];
    readonly semanticTokenModifiers?: readonly { id: string }[];
    readonly semanticTokenScopes: readonly { language: string; scopes: Readonly<Record<string, readonly string[]>> }[];
  };
}

interface GrammarRule {
  readonly include?: string;
  readonly patterns?: readonly GrammarRule[];
  readonly captures?: Readonly<Record<string, GrammarRule>>;
  readonly beginCaptures?: Readonly<Record<string, GrammarRule>>;
  readonly endCaptures?: Readonly<Record<string, GrammarRule>>;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
}

interface Grammar extends GrammarRule {
  readonly scopeName: string;
  readonly repository: Readonly<Record<string, GrammarRule>>;
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(ROOT, relativePath), 'utf8')) as T;
}

const manifest = readJson<Manifest>('package.json');
const settings = manifest.contributes.configuration.properties;

function setting(key: string): JsonSchema {
  const schema = settings[key];
  assert.ok(schema, `package.json contributes no setting ${key}`);
  return schema;
}

/** True when the `trial.rules` schema accepts `key` as a property name with value `severity`. */
function rulesAccept(key: string, severity: string): boolean {
  const rules = setting('trial.rules');
  if (rules.propertyNames?.enum && !rules.propertyNames.enum.includes(key)) return false;
  const valueSchema = rules.properties?.[key] ?? rules.additionalProperties;
  if (valueSchema === undefined || valueSchema === false) return false;
  if (valueSchema === true) return true;
  return valueSchema.enum === undefined || valueSchema.enum.includes(severity);
}

describe('extension manifest', () => {
  it('starts the bundled extension on trial documents', () => {
    assert.equal(manifest.main, './dist/extension.js');
    // Also restoring a preview after a reload, and opening a code's documentation, before any .trial file is open.
    assert.deepEqual(manifest.activationEvents, ['onLanguage:trial', 'onWebviewPanel:trial.preview', 'onCustomEditor:trial.rule']);
    const language = manifest.contributes.languages.find((entry) => entry.id === 'trial');
    assert.ok(language, 'the trial language is contributed');
    assert.deepEqual(language.extensions, ['.trial']);
    const command = manifest.contributes.commands.find((entry) => entry.command === 'trial.restartServer');
    assert.equal(`${command?.category}: ${command?.title}`, 'Trial: Restart Language Server');
  });

  it('declares every custom semantic token type of the legend, with a scope for themes', () => {
    const declared = new Map(manifest.contributes.semanticTokenTypes.map((entry) => [entry.id, entry]));
    const scopes = manifest.contributes.semanticTokenScopes.find((entry) => entry.language === 'trial')?.scopes ?? {};
    const custom = TOKEN_TYPES.filter((type) => !STANDARD_TOKEN_TYPES.has(type));
    assert.ok(custom.length > 0);
    for (const type of custom) {
      const entry = declared.get(type);
      assert.ok(entry, `semantic token type '${type}' is not declared in contributes.semanticTokenTypes`);
      assert.ok(STANDARD_TOKEN_TYPES.has(entry.superType), `'${type}' needs a standard super type, not '${entry.superType}'`);
      assert.ok(scopes[type]?.length, `'${type}' has no TextMate scope in contributes.semanticTokenScopes`);
    }
    const declaredModifiers = new Set((manifest.contributes.semanticTokenModifiers ?? []).map((entry) => entry.id));
    for (const modifier of TOKEN_MODIFIERS) {
      assert.ok(STANDARD_TOKEN_MODIFIERS.has(modifier) || declaredModifiers.has(modifier), `semantic token modifier '${modifier}' is not declared`);
    }
  });

  it('contributes the settings with the server defaults', () => {
    assert.equal(setting('trial.referencePatient.bsa').type, 'number');
    assert.equal(setting('trial.referencePatient.bsa').default, DEFAULT_SETTINGS.referenceBsa);
    assert.equal(setting('trial.referencePatient.weight').type, 'number');
    assert.equal(setting('trial.referencePatient.weight').default, DEFAULT_SETTINGS.referenceWeight);
    assert.equal(setting('trial.referencePatient.gfr').type, 'number');
    assert.equal(setting('trial.referencePatient.gfr').default, DEFAULT_SETTINGS.referenceGfr);
    assert.equal(setting('trial.inlayHints.enabled').type, 'boolean');
    assert.equal(setting('trial.inlayHints.enabled').default, DEFAULT_SETTINGS.inlayHints);
    assert.equal(setting('trial.rules').type, 'object');
    assert.deepEqual(setting('trial.rules').default, DEFAULT_SETTINGS.rules);
    assert.deepEqual(setting('trial.trace.server').enum, ['off', 'messages', 'verbose']);
    assert.equal(setting('trial.trace.server').default, 'off');
    assert.deepEqual(Object.keys(settings).sort(), [
      'trial.inlayHints.enabled',
      'trial.preview.scrollEditorWithPreview',
      'trial.preview.scrollPreviewWithEditor',
      'trial.referencePatient.bsa',
      'trial.referencePatient.gfr',
      'trial.referencePatient.weight',
      'trial.rules',
      'trial.trace.server',
    ]);
  });

  it('accepts every diagnostic code and name in trial.rules (run scripts/update-manifest.mjs when this fails)', () => {
    for (const info of Object.values(Codes)) {
      for (const severity of ['off', 'hint', 'information', 'warning', 'error']) {
        assert.ok(rulesAccept(info.code, severity), `trial.rules does not accept ${info.code}: ${severity}`);
        assert.ok(rulesAccept(info.name, severity), `trial.rules does not accept ${info.name}: ${severity}`);
      }
    }
    assert.ok(!rulesAccept('TPL104', 'fatal'), 'a severity outside the five is rejected');
    assert.ok(!rulesAccept('TPL999', 'error'), 'a code outside the table is rejected');
  });
});

describe('grammar and language configuration', () => {
  const grammarEntry = manifest.contributes.grammars.find((entry) => entry.language === 'trial');
  const grammar = readJson<Grammar>(grammarEntry?.path ?? 'syntaxes/trial.tmLanguage.json');

  it('parse as JSON and agree on the scope name', () => {
    assert.equal(grammar.scopeName, grammarEntry?.scopeName);
    const language = manifest.contributes.languages.find((entry) => entry.id === 'trial');
    const configuration = readJson<{ comments?: { lineComment?: string } }>(language?.configuration ?? '');
    assert.equal(configuration.comments?.lineComment, '//');
  });

  it('resolves every include to a repository rule, and every regex compiles', () => {
    const rules: GrammarRule[] = [grammar, ...Object.values(grammar.repository)];
    const visit = (rule: GrammarRule, where: string) => {
      if (rule.include !== undefined) {
        assert.ok(rule.include.startsWith('#') || rule.include === '$self', `${where}: include '${rule.include}' is not a repository reference`);
        if (rule.include.startsWith('#')) assert.ok(rule.include.slice(1) in grammar.repository, `${where}: include '${rule.include}' has no repository key`);
      }
      for (const source of [rule.match, rule.begin, rule.end]) {
        // Oniguruma's inline case-insensitive group has no JavaScript equivalent: rewrite it as a plain group.
        if (source !== undefined) assert.doesNotThrow(() => new RegExp(source.replace(/\(\?i:/g, '(?:'), 'u'), `${where}: ${source}`);
      }
      rule.patterns?.forEach((child, index) => visit(child, `${where}.patterns[${index}]`));
      for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
        for (const [group, capture] of Object.entries(captures ?? {})) visit(capture, `${where}.captures[${group}]`);
      }
    };
    rules.forEach((rule, index) => visit(rule, index === 0 ? 'grammar' : Object.keys(grammar.repository)[index - 1]!));
    const used = JSON.stringify(grammar);
    for (const key of Object.keys(grammar.repository)) assert.ok(used.includes(`"#${key}"`), `repository rule '${key}' is never included`);
  });

  it("knows the parser's words: fields, routes, frequencies, phases, reasons to stop, ways of giving, window anchors", () => {
    const text = readFileSync(join(ROOT, grammarEntry?.path ?? ''), 'utf8');
    const words = [
      ...Object.values(FIELD_SPECS).flatMap((specs) => Object.keys(specs)),
      ...ROUTES,
      ...FREQUENCY_WORDS,
      ...PHASE_KEYWORDS,
      ...STOP_REASON.words,
      ...ADMINISTRATION_MODE.words,
      ...WINDOW_ANCHOR.words,
    ];
    for (const word of words) assert.match(text, new RegExp(`[|:(]${word}[|)]`), `the grammar does not mention '${word}'`);
  });
});

describe('grammar: enum values', () => {
  it('colours every value of every registry enum as a constant (phases, routes and regimen words have rules of their own)', () => {
    const grammar = readJson<Grammar>('syntaxes/trial.tmLanguage.json') as Grammar & { repository: Record<string, { match?: string }> };
    const rule = grammar.repository['enum-values']?.match ?? '';
    const own = new Set<unknown>([PHASE, ROUTE, PHASE_NAME, STOP_REASON, ADMINISTRATION_MODE, WINDOW_ANCHOR, AGE_UNIT]);
    const missing = ENUMS.filter((definition) => !own.has(definition)).flatMap((definition) =>
      definition.words.filter((word) => !new RegExp(`[|:(]${word}[|)]`).test(rule)),
    );
    assert.deepEqual(missing, []);
  });
});

describe('the packages: the extension (.vsix) and the npm package', () => {
  const raw = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    icon?: string;
    repository?: { url?: string };
    activationEvents: string[];
    bin: Record<string, string>;
    contributes: {
      keybindings?: { command: string; key: string; when?: string }[];
      configurationDefaults: Record<string, Record<string, unknown>>;
      customEditors?: { viewType: string; selector: { filenamePattern: string }[] }[];
    };
  };
  const allowed = (file: string) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/^\//, ''));

  it('ship in the .vsix the server, a way to run it, the docs its code links open, the icon and the changelog', () => {
    const vsix = allowed('.vscodeignore');
    for (const file of ['dist/server.js', 'dist/extension.js', 'docs/diagnostics.md', 'images/icon.png', 'CHANGELOG.md', 'client/README.md'])
      assert.ok(vsix.includes(file), `.vscodeignore does not let ${file} in`);
    assert.equal(raw.icon, 'images/icon.png');
    const png = readFileSync(join(ROOT, 'images', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'the icon is 128x128');
    assert.match(raw.repository?.url ?? '', /^https:\/\//);
  });

  it('put in the npm package both commands, the CLI and the bundled server', () => {
    const npm = allowed('.npmignore');
    for (const entry of ['bin/', 'dist/server.js', 'server/out/', 'docs/diagnostics.md']) assert.ok(npm.includes(entry), `.npmignore does not let ${entry} in`);
    assert.deepEqual(raw.bin, { trial: 'bin/trial.js', 'trial-language-server': 'bin/trial-language-server.js' });
  });

  it('activate to restore a preview and to open a code’s documentation; bind Ctrl+K V; wrap .trial lines', () => {
    assert.ok(raw.activationEvents.includes('onWebviewPanel:trial.preview'));
    assert.ok(raw.activationEvents.includes('onCustomEditor:trial.rule'));
    const toSide = raw.contributes.keybindings?.find((binding) => binding.command === 'trial.openPreviewToSide');
    assert.equal(toSide?.key, 'ctrl+k v');
    assert.match(toSide?.when ?? '', /editorLangId == trial/);
    assert.equal(raw.contributes.configurationDefaults['[trial]']['editor.wordWrap'], 'on');
    assert.deepEqual(
      raw.contributes.customEditors?.map((editor) => [editor.viewType, editor.selector[0].filenamePattern]),
      [['trial.rule', 'trial-rule:/**']],
    );
  });
});
