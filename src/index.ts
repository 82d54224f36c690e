import { run } from './main.js';

// `node dist/index.js` is the action (GitHub passes no arguments); `node dist/index.js replay …`
// is the replay command of bin/kiro-action.mjs, a separate chunk loaded only then
if (process.argv[2] === 'replay') {
  const { replayMain } = await import('./replay.js');
  process.exitCode = await replayMain(process.argv.slice(3));
} else {
  await run();
}
