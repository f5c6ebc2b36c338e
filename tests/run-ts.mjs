// Runs a TypeScript file of the repository in Node (the demo, the ReDoS benchmark) with the same
// `@/` import alias the build and the test runner use.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createJiti } from 'jiti';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const jiti = createJiti(import.meta.url, { alias: { '@': root } });
await jiti.import(resolve(process.argv[2]));
