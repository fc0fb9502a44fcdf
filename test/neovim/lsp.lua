-- The language server in a second, non-VS Code client: Neovim's built-in LSP client (0.7+),
-- headless. Run by test/neovim/neovim.test.ts as
--   nvim --headless -u NONE -i NONE -c 'luafile test/neovim/lsp.lua'
-- with TRIAL_ROOT (the repository) and TRIAL_SAMPLE (a copy of samples/NCT04669496.trial) in the
-- environment. It starts `node bin/trial-language-server.js --stdio`, opens the sample, and
-- checks: diagnostics arrive and none is an error; hover on a drug gives its dose in mg/m2;
-- completion on a new line in an arm lists the declared drugs. Each check prints one `ok` line;
-- the first failure prints `FAIL: <why>` and exits with 1 (`cquit! 1`).

local WAIT_MS = 15000
local root = assert(os.getenv('TRIAL_ROOT'), 'TRIAL_ROOT is not set')
local sample = assert(os.getenv('TRIAL_SAMPLE'), 'TRIAL_SAMPLE is not set')

local function say(line)
  io.stdout:write('neovim lsp: ' .. line .. '\n')
end

local function check(condition, message)
  if not condition then
    error(message, 0)
  end
end

-- The 0-based line of the first line containing `needle` (plain text).
local function line_of(buf, needle)
  for index, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local column = text:find(needle, 1, true)
    if column then
      return index - 1, column - 1
    end
  end
  error("'" .. needle .. "' is not in " .. sample, 0)
end

local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, WAIT_MS)
  check(responses, method .. ': no answer (' .. tostring(err) .. ')')
  for _, response in pairs(responses) do
    check(not response.err, method .. ': ' .. vim.inspect(response.err))
    return response.result
  end
  error(method .. ': no client answered', 0)
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(sample))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'trial'

  local client_id = vim.lsp.start_client({
    name = 'trial',
    cmd = { 'node', root .. '/bin/trial-language-server.js', '--stdio' },
    root_dir = vim.fn.fnamemodify(sample, ':h'),
    flags = { debounce_text_changes = 0 },
  })
  check(client_id, 'vim.lsp.start_client failed')
  check(vim.lsp.buf_attach_client(buf, client_id), 'vim.lsp.buf_attach_client failed')

  -- Diagnostics: published once the server has checked the document.
  check(
    vim.wait(WAIT_MS, function()
      return #vim.diagnostic.get(buf) > 0
    end, 20),
    'no diagnostics within ' .. WAIT_MS .. ' ms'
  )
  local described = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    local severity = vim.diagnostic.severity[diagnostic.severity]
    table.insert(described, tostring(diagnostic.code) .. ' ' .. severity)
    check(
      diagnostic.severity ~= vim.diagnostic.severity.ERROR,
      'an error in the sample: line ' .. (diagnostic.lnum + 1) .. ': ' .. tostring(diagnostic.code) .. ' ' .. diagnostic.message
    )
  end
  table.sort(described)
  say('ok diagnostics, none an error: ' .. table.concat(described, ', '))

  -- Hover on the drug of a dose line.
  local uri = vim.uri_from_bufnr(buf)
  local dose_line, dose_column = line_of(buf, 'oxaliplatin 85 mg/m2')
  local hover = request(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = dose_line, character = dose_column + 3 },
  })
  check(hover and hover.contents, 'hover: no contents')
  local text = type(hover.contents) == 'table' and (hover.contents.value or vim.inspect(hover.contents)) or tostring(hover.contents)
  check(text:find('mg/m2', 1, true), 'hover has no mg/m2: ' .. text)
  check(text:find('**oxaliplatin**', 1, true), 'hover does not name oxaliplatin: ' .. text)
  say('ok hover on oxaliplatin: ' .. (text:match('[^\n]+') or ''))

  -- Completion on a new line after the dose line, inside the arm's cycle.
  local indent = string.rep(' ', dose_column)
  vim.api.nvim_buf_set_lines(buf, dose_line + 1, dose_line + 1, false, { indent })
  local completion = request(buf, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = dose_line + 1, character = #indent },
  })
  check(completion, 'completion: no result')
  local labels = {}
  for _, item in ipairs(completion.items or completion) do
    labels[item.label] = true
  end
  local listed = vim.tbl_keys(labels)
  table.sort(listed)
  for _, drug in ipairs({ 'gemcitabine', 'capecitabine', 'lenvatinib' }) do
    check(labels[drug], 'completion in the arm lacks ' .. drug .. ': ' .. table.concat(listed, ', '))
  end
  check(not labels['title'], 'completion in the arm offers the trial field title')
  say('ok completion in the arm: ' .. #listed .. ' items, with gemcitabine, capecitabine, lenvatinib')

  vim.lsp.stop_client(client_id)
  check(
    vim.wait(WAIT_MS, function()
      return vim.lsp.client_is_stopped(client_id)
    end, 20),
    'the language server did not stop'
  )
  say('all checks passed')
end

local ok, failure = xpcall(run, debug.traceback)
if not ok then
  io.stdout:write('neovim lsp: FAIL: ' .. tostring(failure) .. '\n')
  vim.cmd('cquit! 1')
end
vim.cmd('qall!')
