import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTING_NAMES } from '../../../core/config';

/** docs/settings.md tells the truth about configuration: every setting the code reads is documented with a default. */
describe('settings table (docs/settings.md)', () => {
  const page = readFileSync(join(__dirname, '../../../docs/settings.md'), 'utf8');
  const rows = page.split('\n').filter((line) => line.startsWith('|'));

  it.each(SETTING_NAMES)('documents %s', (name) => {
    const documented = rows.some((row) => {
      const first = row.split('|')[1] ?? '';
      // A row may group a family (`REFERENCE_AUTH_PORT` … `REFERENCE_ANNOUNCEMENT_PORT`, `UPSTREAM_<SERVICE>_ADDRS`).
      const family = first.replace(/<[A-Z]+>/g, '[A-Z]+');
      return (
        first.includes(`\`${name}\``) || new RegExp(`\`${family.match(/`([^`]+)`/)?.[1] ?? '^$'}\``).test(`\`${name}\``)
      );
    });
    expect(documented).toBe(true);
  });
});
