// Preloaded (`node -r`) into a measured child process: at exit, writes its peak resident set
// size and CPU time to the file named by CKAFKA_BENCH_PROBE. Plain JS so it adds no compile step.
'use strict';
const fs = require('fs');
const out = process.env.CKAFKA_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ maxRssKB: u.maxRSS, userCpuMs: u.userCPUTime / 1000, systemCpuMs: u.systemCPUTime / 1000 }));
  });
}
