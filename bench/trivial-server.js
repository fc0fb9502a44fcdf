#!/usr/bin/env node
/**
 * The floor of `npm run bench`'s refresh set: an LSP server that does no work. It advertises the
 * capabilities it is given (`initializationOptions.capabilities`: the bench passes the real
 * server's, so both are asked the same requests; started alone, none); answers every request with null (an empty result for every method of LSP); and publishes
 * empty diagnostics for each version a didOpen or didChange brings. It keeps no text. Plain
 * JavaScript run by node, so no compiler or loader stands between the measurement and the wire.
 */
'use strict';

const { createConnection } = require('vscode-languageserver/node');

// createConnection reads the transport from the command line (--stdio, --node-ipc…).
const connection = createConnection();

// The capabilities to advertise come from the client (the bench passes the real server's), so
// they cannot drift from server.ts; without them the server advertises none.
connection.onInitialize((params) => ({
  capabilities: (params.initializationOptions && params.initializationOptions.capabilities) || {},
  serverInfo: { name: 'trivial-language-server' },
}));

// Every request the connection does not handle itself (initialize and shutdown are its own).
connection.onRequest(() => null);

const publish = ({ textDocument }) => void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: [] });
connection.onDidOpenTextDocument(publish);
connection.onDidChangeTextDocument(publish);
connection.onDidCloseTextDocument(({ textDocument }) => void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] }));

connection.listen();
