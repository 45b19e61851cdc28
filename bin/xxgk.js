#!/usr/bin/env node
const argv = process.argv.slice(2);
// `xxgk --version` answers without loading the command-line parser (what commander prints too).
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${require('../dist/version.js').EXTRACTOR.version}\n`);
} else {
  // Compiled code of the modules this command runs, kept from the last run (dist/util/module-cache.js).
  const cache = require('../dist/util/module-cache.js').useModuleCache('cli');
  process.once('exit', () => cache.save());
  // `xxgk extract` of a few files extracts in a thread (dist/pipeline/thread.js): its start, the
  // longest step before the first file, overlaps with loading and parsing the command line.
  if (argv[0] === 'extract' && !process.env.XXGK_STORE && !argv.some((a) => /^(-j|--workers|--max-memory|--store)/.test(a))) {
    require('../dist/pipeline/thread.js').startBareThread(require('../dist/pipeline/limits.js').DEFAULT_MAX_HEAP_MB);
  }
  require('../dist/cli/main.js').main(argv).then((code) => { process.exitCode = code; });
}
