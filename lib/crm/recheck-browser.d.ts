// recheck's pure-JavaScript build (no native binary, no Java, no child process): the one the
// extension ships, imported by path so tests run exactly that code.
declare module 'recheck/lib/browser.js' {
  export { check, checkSync } from 'recheck';
  export type { Diagnostics, Parameters } from 'recheck';
}
