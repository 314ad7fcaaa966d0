// Readiness probe for the local Kafka broker: succeeds when a kafkajs admin client can connect,
// describeCluster() returns at least one broker and a controller, and a group coordinator answers
// (describeGroups makes a fresh broker create __consumer_offsets, so consumer groups in the tests do not
// start with "The group coordinator is not available").
//   node infra/kafka/wait-ready.mjs [--timeout-ms 30000]
// Broker list from KAFKA_BROKERS (default 127.0.0.1:9092). Exit 0 when ready, 1 on time-out.
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

const args = process.argv.slice(2);
const timeoutArg = args.indexOf('--timeout-ms');
const timeoutMs = timeoutArg >= 0 ? Number(args[timeoutArg + 1]) : 30_000;
const quiet = args.includes('--quiet');
const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);

const deadline = Date.now() + timeoutMs;
let lastError = 'no attempt';

while (Date.now() < deadline) {
  const kafka = new Kafka({
    clientId: 'infra-wait-ready',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (
      cluster.brokers.length > 0 &&
      cluster.controller !== null &&
      cluster.controller !== undefined
    ) {
      await admin.describeGroups(['infra-wait-ready']);
      if (!quiet) {
        console.log(
          `[kafka/wait-ready] ready: clusterId=${cluster.clusterId} controller=${cluster.controller} ` +
            `brokers=${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')}`,
        );
      }
      await admin.disconnect().catch(() => {});
      process.exit(0);
    }
    lastError = `describeCluster returned ${JSON.stringify(cluster)}`;
  } catch (err) {
    lastError =
      err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  await admin.disconnect().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 500));
}

if (!quiet)
  console.error(
    `[kafka/wait-ready] not ready after ${timeoutMs} ms (${brokers.join(',')}): ${lastError}`,
  );
process.exit(1);
