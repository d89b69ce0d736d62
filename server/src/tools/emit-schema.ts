import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { hubSdl } from '../app/schema.js';
import { PROJECT_ROOT } from '../core/env.js';

/** Writes schema/schema.graphql from the server's types (pnpm schema:emit). */
const file = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
fs.writeFileSync(file, await hubSdl());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
