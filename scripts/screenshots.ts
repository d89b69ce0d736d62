// Regenerates the README's screenshots (docs/screenshots/*.png) in a real Chromium against a real
// hub with the demo data: `pnpm screenshots` (or `cd tests && npx tsx --tsconfig ../tsconfig.json ../scripts/screenshots.ts`).
import path from 'node:path';
import { takeScreenshots } from '../tests/web/utils/screenshots.js';

const written = await takeScreenshots();
for (const { file, caption } of written) console.log(`${path.relative(process.cwd(), file)}  ${caption}`);
