/** docs/cli.md and docs/cli-json.md cover every command the CLI has. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/main.js';

const cli = readFileSync('docs/cli.md', 'utf8');
const json = readFileSync('docs/cli-json.md', 'utf8');

describe('CLI docs', () => {
  it.each(commands.map((c) => [c.name, c]))('%s: documented with its example and JSON result', (name, c) => {
    expect(cli).toContain(`### \`${name}\``);
    expect(cli).toContain(`Example: \`${c.example}\``);
    for (const o of Object.keys(c.options ?? {})) expect(cli).toContain(`\`--${o}\``);
    if (name !== 'help') expect(json).toMatch(new RegExp(`\\| \`${name}\`[ ,|(]`));
  });
});
