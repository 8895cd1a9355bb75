/** Renders what a Discord user sees (modals, embeds, buttons, messages) as plain terminal text. */

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface Component {
  type: number;
  label?: string;
  description?: string;
  style?: number;
  url?: string;
  custom_id?: string;
  value?: string;
  component?: Component;
  components?: Component[];
  options?: { label: string; default?: boolean }[];
}
export interface Visible {
  title?: string;
  content?: string;
  embeds?: Embed[];
  components?: Component[];
}

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\u001b[2m${text}\u001b[22m` : text);
const indent = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');

/** Discord markdown (bold, timestamps) in plain text. */
function markdown(text: string): string {
  return (
    text
      .replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => bold(inner))
      // Discord shows an escaped character (`budi\_rbx`) as the character itself.
      .replace(/\\([^A-Za-z0-9\s])/g, '$1')
      .replace(/<t:(\d+):R>/g, (_m, seconds: string) => {
        const delta = Number(seconds) - Math.floor(Date.now() / 1000);
        return delta > 0 ? `in ${delta} seconds` : delta === 0 ? 'just now' : `${-delta} seconds ago`;
      })
  );
}

function buttons(components: Component[] | undefined): string[] {
  return (components ?? [])
    .flatMap((row) => row.components ?? [])
    .filter((c) => c.type === 2)
    .map((b) => (b.style === 5 ? `[ ${b.label ?? ''} ↗ ${b.url ?? ''} ]` : `[ ${b.label ?? ''} ]`));
}

export function renderModal(modal: Visible): string {
  const lines = [`┌─ modal: ${bold(modal.title ?? '')}`];
  for (const label of modal.components ?? []) {
    lines.push(`│ ${bold(label.label ?? '')}${label.description ? dim(`  ${label.description}`) : ''}`);
    const inner = label.component;
    if (inner?.type === 3) {
      lines.push(
        `│   ▾ ${(inner.options ?? []).map((o) => (o.default ? `(•) ${o.label}` : `( ) ${o.label}`)).join('  ')}`,
      );
    } else {
      lines.push(inner?.value ? `│   [ ${inner.value} ]` : '│   [____________________]');
    }
  }
  lines.push('└─');
  return lines.join('\n');
}

export function renderMessage(message: Visible, ephemeral: boolean): string {
  const lines: string[] = [];
  if (ephemeral) lines.push(dim('👁  Only you can see this'));
  if (message.content) lines.push(markdown(message.content));
  for (const embed of message.embeds ?? []) {
    const box: string[] = [];
    if (embed.title) box.push(bold(embed.title));
    if (embed.description) box.push(markdown(embed.description));
    for (const field of embed.fields ?? []) box.push(`${bold(field.name)}: ${markdown(field.value)}`);
    if (embed.footer) box.push(dim(embed.footer.text));
    lines.push(indent(box.join('\n'), '┃ '));
  }
  const row = buttons(message.components);
  if (row.length > 0) lines.push(row.join('  '));
  return lines.join('\n');
}
