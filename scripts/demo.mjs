// npm run demo: walks one realistic upgrade through the running system (npm start) and prints the record.
import { runDemo } from './demo/walkthrough.mjs';

try {
  const { record, verify, everything } = await runDemo();
  console.log('\n' + record);
  console.log('\nAudit verify:');
  for (const [upgradeId, result] of Object.entries(verify)) {
    console.log(
      `  ${upgradeId}: ${result.ok ? 'every hash chain intact' : 'BROKEN'} (${result.streams} streams, ${result.events} events)`,
    );
  }
  console.log(
    `  everything monitoring holds: ${everything.ok ? 'intact' : `${everything.broken.length} broken stream(s), first: ${JSON.stringify(everything.broken[0])}`} (${everything.streams} streams, ${everything.events} events)`,
  );
  process.exit(Object.values(verify).every((r) => r.ok) && everything.ok ? 0 : 1);
} catch (error) {
  console.error(`demo failed: ${error.message}\nIs the system running? Start it with: npm start`);
  process.exit(1);
}
