#!/usr/bin/env node
const argv = process.argv.slice(2);
// `xxgk --version` answers without loading the command-line parser (what commander prints too).
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${require('../dist/version.js').EXTRACTOR.version}\n`);
} else {
  // Compiled code of the modules this command runs, kept from the last run (dist/util/module-cache.js).
  const cache = require('../dist/util/module-cache.js').useModuleCache('cli');
  process.once('exit', () => cache.save());
  require('../dist/cli/main.js').main(argv).then((code) => { process.exitCode = code; });
}
