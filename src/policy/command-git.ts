/**
 * The git and gh defaults of the command policy (src/policy/commands.ts): the agent never pushes,
 * changes credentials or remotes, or writes to GitHub through `gh` — the action does those things.
 * Guidance for the model, not the boundary (docs/security.md).
 */
import { getopt } from './command-args.js';
import { parseGitArgs, type ShellWord, type SimpleCommand } from './shell.js';

// ---------------------------------------------------------------------------------------------
// git and gh

export const PUSH_REASON = 'the agent never pushes: the action itself commits and pushes the work to the task branch';

/**
 * `git config` keys the agent is told not to touch: credentials and remotes (the action pushes;
 * the agent's git has no credentials to use). Other keys are the model's own business: its `.git`
 * and `$HOME` are sandboxed scratch that the action's git never reads (docs/security.md).
 */
export const SECRET_GIT_KEY = /credential|extraheader|^url\.|^http\.|^remote\..*\.(url|pushurl)$|token|password/i;

/** An alias whose definition pushes (`alias.p=push`, `alias.s=!git push`). */
export const PUSHING_ALIAS = (key: string, value: string | undefined) => key.startsWith('alias.') && value !== undefined && /\bpush\b|send-pack/.test(value);

export function gitConfigRule(rest: ShellWord[]): string | undefined {
  const o = getopt(rest, 'f', ['file', 'blob', 'type', 'default', 'comment', 'value']);
  if (rest.some((w) => w.dynamic)) return 'runs git config with arguments computed at run time';
  const verbs = ['get', 'set', 'unset', 'list', 'edit', 'rename-section', 'remove-section'];
  const ops = o.operands.map((w) => w.text);
  // `git config set KEY VALUE` and `git config KEY VALUE` name the key at the same place after this
  if (ops[0] && verbs.includes(ops[0])) ops.shift();
  const key = (ops[0] ?? '').toLowerCase();
  if (SECRET_GIT_KEY.test(key)) return `git config ${key} concerns credentials or remotes; the agent's git never handles them (the action pushes)`;
  if (PUSHING_ALIAS(key, ops[1])) return `git config ${key} defines an alias that pushes; ${PUSH_REASON}`;
  return undefined;
}

export function gitRule(cmd: SimpleCommand): { deny?: string; pause?: string } {
  const args = cmd.argv.slice(1);
  const g = parseGitArgs(args);
  for (const c of g.configs) {
    const [k = '', ...v] = c.text.split('=');
    const key = k.toLowerCase();
    if (c.dynamic || SECRET_GIT_KEY.test(key) || PUSHING_ALIAS(key, v.join('='))) {
      return { deny: `\`git -c ${c.raw}\` sets a credential, remote or pushing alias; ${PUSH_REASON}` };
    }
  }
  if (!g.sub) {
    return cmd.openArgs ? { deny: 'the git subcommand comes from the input at run time (xargs/find), so the policy cannot check it' } : {};
  }
  if (g.sub.dynamic || g.sub.glob) return { deny: `the git subcommand \`${g.sub.raw}\` is computed at run time; write it literally` };
  const sub = g.sub.text;
  const rest = args.slice(g.index + 1);
  const restText = rest.map((w) => w.text);
  switch (sub) {
    case 'push': {
      const force = restText.some((t) => t === '--force' || t === '-f' || t.startsWith('--force-with-lease') || t === '--force-if-includes' || t === '--mirror' || t === '--delete' || t === '-d' || /^-[a-zA-Z]*f/.test(t) || (t.startsWith('+') && t.length > 1));
      return { deny: `${force ? 'force-pushing (or deleting remote refs) is never allowed; ' : ''}${PUSH_REASON}` };
    }
    case 'send-pack':
    case 'http-push':
    case 'receive-pack':
    case 'upload-archive':
      return { deny: `\`git ${sub}\` writes to a remote; ${PUSH_REASON}` };
    case 'remote': {
      const action = restText.find((t) => !t.startsWith('-'));
      if (action && ['add', 'set-url', 'rename', 'remove', 'rm', 'set-head', 'set-branches', 'prune'].includes(action)) {
        return { deny: `\`git remote ${action}\` changes where the repository pushes; remotes are managed by the action` };
      }
      return {};
    }
    case 'config': {
      const why = gitConfigRule(rest);
      return why ? { deny: why } : {};
    }
    case 'credential':
    case 'credential-cache':
    case 'credential-store':
    case 'askpass':
      return { deny: `\`git ${sub}\` handles credentials; the agent's shell has none` };
    case 'reset':
      return restText.includes('--hard') || restText.includes('--merge') ? { pause: '`git reset --hard` discards uncommitted work' } : {};
    case 'clean': {
      const force = restText.some((t) => t === '--force' || /^-[a-zA-Z]*f/.test(t));
      return force ? { pause: '`git clean -f` deletes untracked files' } : {};
    }
    case 'checkout':
    case 'restore': {
      const all = restText.some((t) => ['.', './', ':/', '*', ':(top)', ':/*'].includes(t));
      const force = sub === 'checkout' && restText.some((t) => t === '-f' || t === '--force');
      return all || force ? { pause: `\`git ${sub}\` of the whole tree discards uncommitted changes` } : {};
    }
    case 'stash': {
      const action = restText.find((t) => !t.startsWith('-'));
      return action === 'drop' || action === 'clear' ? { pause: `\`git stash ${action}\` deletes stashed work` } : {};
    }
    case 'branch':
      return restText.some((t) => t === '-D' || (t === '--delete' && restText.includes('--force')) || /^-[a-zA-Z]*D/.test(t)) ? { pause: '`git branch -D` deletes a branch and its unmerged commits' } : {};
    case 'filter-branch':
    case 'filter-repo':
      return { pause: `\`git ${sub}\` rewrites history` };
    case 'update-ref':
      return restText.includes('-d') ? { pause: '`git update-ref -d` deletes a ref' } : {};
    case 'reflog':
      return restText[0] === 'expire' || restText[0] === 'delete' ? { pause: '`git reflog expire/delete` removes recovery points' } : {};
    default:
      return {};
  }
}

/** `gh` subcommands that only read. Everything else writes to GitHub or handles credentials. */
export const GH_READ: Record<string, readonly string[] | '*'> = {
  pr: ['view', 'list', 'diff', 'checks', 'status'],
  issue: ['view', 'list', 'status'],
  run: ['view', 'list', 'watch', 'download'],
  workflow: ['view', 'list'],
  label: ['list'],
  cache: ['list'],
  ruleset: ['view', 'list', 'check'],
  gist: ['view', 'list'],
  search: '*',
  status: '*',
  help: '*',
  version: '*',
  completion: '*',
};

export function ghApiRule(rest: ShellWord[]): string | undefined {
  let method: string | undefined;
  const fields: ShellWord[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as ShellWord;
    const t = w.text;
    const next = (): ShellWord | undefined => rest[++i];
    if (t === '-X' || t === '--method') method = next()?.text ?? '';
    else if (t.startsWith('--method=')) method = t.slice(9);
    else if (t.startsWith('-X') && t.length > 2) method = t.slice(2);
    else if (t === '-f' || t === '-F' || t === '--field' || t === '--raw-field') {
      const v = next();
      if (v) fields.push(v);
    } else if (/^-[fF]./.test(t)) fields.push({ ...w, text: t.slice(2) });
    else if (t.startsWith('--field=') || t.startsWith('--raw-field=')) fields.push({ ...w, text: t.slice(t.indexOf('=') + 1) });
    else if (t === '--input' || t.startsWith('--input=')) return '`gh api --input` sends a request body; the agent may only read from the API (GET)';
    else if (['-H', '--header', '-q', '--jq', '-t', '--template', '-p', '--preview', '--cache', '--hostname'].includes(t)) next();
    else if (!t.startsWith('-')) operands.push(w);
  }
  const endpoint = operands[0]?.text ?? '';
  if (method !== undefined && (method.toUpperCase() !== 'GET' || rest.some((w) => w.dynamic && (w.text === method)))) {
    if (!(endpoint === 'graphql' && method.toUpperCase() === 'POST')) return `\`gh api -X ${method}\` writes to GitHub; the agent may only read from the API (GET)`;
  }
  if (endpoint === 'graphql') {
    const bad = fields.find((f) => f.dynamic || /^query=@/.test(f.text) || /\bmutation\b/i.test(f.text));
    return bad ? '`gh api graphql` may only run queries written literally (no mutations, no @file queries)' : undefined;
  }
  if (fields.length) return '`gh api` with -f/-F fields sends a request body (and defaults to POST); the agent may only read from the API (GET)';
  return undefined;
}

export function ghRule(cmd: SimpleCommand): string | undefined {
  const args = cmd.argv.slice(1);
  const ops: ShellWord[] = [];
  let i = 0;
  for (; i < args.length && ops.length < 2; i++) {
    const t = (args[i] as ShellWord).text;
    if (t === '-R' || t === '--repo' || t === '--hostname') i++;
    else if (!t.startsWith('-') || (args[i] as ShellWord).dynamic) ops.push(args[i] as ShellWord);
  }
  const [top, sub] = ops;
  if (!top) return cmd.openArgs ? 'the gh subcommand comes from the input at run time, so the policy cannot check it' : undefined;
  if (top.dynamic || sub?.dynamic) return 'the gh subcommand is computed at run time; write it literally';
  if (top.text === 'api') return ghApiRule(args.slice(args.indexOf(top) + 1));
  const read = GH_READ[top.text];
  if (read === '*') return undefined;
  if (read && sub && read.includes(sub.text)) return undefined;
  if (read && !sub && !cmd.openArgs) return undefined;
  const what = sub ? `${top.text} ${sub.text}` : top.text;
  if (top.text === 'auth') return '`gh auth` shows or changes credentials; the agent\'s shell has none';
  return `\`gh ${what}\` writes to GitHub (or manages credentials, secrets or extensions); the action itself opens the pull request and posts comments — in the shell, gh may only read (gh pr view/list/diff/checks, gh issue view/list, gh run view/list, gh api GET)`;
}
