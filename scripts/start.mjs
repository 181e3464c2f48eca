// `npm start [-- <path>]`: runs the Corral tour (scripts/tour/main.ts) on the bundled legacy app,
// or on the project at <path>. TypeScript runs through tsx, resolved from this repository so the
// command works from any folder.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tour = fileURLToPath(new URL('./tour/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
const result = spawnSync(process.execPath, ['--import', tsx, tour, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
