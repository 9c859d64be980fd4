// `orderline completion bash|zsh|fish`: shell completion, generated from the command tree itself
// so it never falls behind the commands.
import { Argument, type Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { ORDER_STATUSES } from '../../shared/lifecycle.ts';
import { examples } from '../help.ts';

interface Node {
  path: string[];
  subcommands: string[];
  /** The choices of its arguments, like the shells of `completion <shell>`. */
  values: string[];
  options: string[];
}

function walk(command: CommandUnknownOpts, path: string[] = []): Node[] {
  const options = [...command.options.map((o) => o.long).filter((l): l is string => Boolean(l)), '--help'];
  const values = command.registeredArguments.flatMap((argument) => argument.argChoices ?? []);
  const here: Node = { path, subcommands: command.commands.map((c) => c.name()), values, options };
  return [here, ...command.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

export function bashScript(program: Command): string {
  const nodes = walk(program);
  const cases = nodes
    .map((node) => `    "${node.path.join(' ')}") words="${[...node.subcommands, ...node.values, ...node.options].join(' ')}" ;;`)
    .join('\n');
  return `# orderline completion for bash. Load it with:  source <(orderline completion bash)
_orderline() {
  local cur path="" word i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    case " $(_orderline_children "$path") " in
      *" $word "*) path="\${path:+$path }$word" ;;
    esac
  done
  local words
  case "$path" in
${cases}
  esac
  case "\${COMP_WORDS[COMP_CWORD-1]}" in
    --status|--for|-s) words="${ORDER_STATUSES.map((s) => s.toLowerCase()).join(' ')}" ;;
    --type|-t) words="dine-in takeout delivery" ;;
    --role) words="kitchen manager" ;;
  esac
  if [[ "$path" == "orders set-status" && $COMP_CWORD -ge 4 && "\${COMP_WORDS[COMP_CWORD-2]}" != -* ]]; then
    words="${ORDER_STATUSES.map((s) => s.toLowerCase()).join(' ')}"
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
_orderline_children() {
  case "$1" in
${nodes.map((node) => `    "${node.path.join(' ')}") echo "${node.subcommands.join(' ')}" ;;`).join('\n')}
  esac
}
complete -F _orderline orderline
`;
}

export function zshScript(program: Command): string {
  return `# orderline completion for zsh. Load it with:  source <(orderline completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashScript(program).split('\n').slice(1).join('\n')}`;
}

export function fishScript(program: Command): string {
  const lines = ['# orderline completion for fish. Load it with:  orderline completion fish | source'];
  for (const node of walk(program)) {
    const condition = node.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${node.path.at(-1)}`;
    if (node.subcommands.length || node.values.length) lines.push(`complete -c orderline -f -n '${condition}' -a '${[...node.subcommands, ...node.values].join(' ')}'`);
    for (const option of node.options) lines.push(`complete -c orderline -n '${condition}' -l ${option.replace(/^--/, '')}`);
  }
  lines.push(`complete -c orderline -n '__fish_seen_subcommand_from set-status wait watch list' -a '${ORDER_STATUSES.map((s) => s.toLowerCase()).join(' ')}'`);
  return `${lines.join('\n')}\n`;
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script.')
    .addArgument(new Argument('<shell>', 'your shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', examples('completion bash >> ~/.bashrc', 'source <(orderline completion zsh)', 'completion fish > ~/.config/fish/completions/orderline.fish'))
    .action((shell: 'bash' | 'zsh' | 'fish') => {
      const script = { bash: bashScript, zsh: zshScript, fish: fishScript }[shell](program);
      process.stdout.write(script);
    });
}
