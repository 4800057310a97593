// The flow of the README in TypeScript, through the client that typescript-fetch generates from
// csbs/openapi.yaml: list the policies, execute `daily`, find the checkpoint's backups, wait until
// they are available, delete them. Then the stub's request journal judges every exchange: none may
// break the contract, and the journal must hold exactly the requests this flow sent.
// Run by the Maven build of other-clients: node dist/flow.js http://127.0.0.1:PORT
import { BackupApi, CheckpointItem, Configuration, PolicyApi } from './generated';

const PROJECT = 'b942cc8342734d15bcb246babb1953cf';
const TOKEN = 'csbs-demo-token';
const PROVIDER = 'fc4d5750-22e7-4798-8a46-f48f62c4c1da';

interface JournalEntry {
  id: number;
  method: string;
  path: string;
  status: number;
  valid: boolean;
  messages?: { level: string; key: string; message: string }[];
}

interface Journal {
  recorded: number;
  dropped: number;
  requests: JournalEntry[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

async function journal(base: string, query: string): Promise<Journal> {
  const response = await fetch(`${base}/__admin/requests${query}`);
  check(response.status === 200, `GET /__admin/requests${query}: ${response.status}`);
  return (await response.json()) as Journal;
}

// The stub is started in the background by the build: wait until it answers (at most 60 s).
async function waitForStub(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await journal(base, '?valid=false');
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        throw new Error(`the stub at ${base} did not answer within 60 s: ${String(e)}`);
      }
      await sleep(200);
    }
  }
}

async function main(base: string): Promise<void> {
  await waitForStub(base);
  const cleared = await fetch(`${base}/__admin/requests`, { method: 'DELETE' });
  check(cleared.status === 204, `DELETE /__admin/requests: ${cleared.status}`);

  const started = performance.now();
  const configuration = new Configuration({ basePath: base, apiKey: TOKEN });
  const policies = new PolicyApi(configuration);
  const backups = new BackupApi(configuration);

  const list = await policies.listBackupPolicies({ projectId: PROJECT });
  const daily = list.policies.find((policy) => policy.name === 'daily');
  check(daily !== undefined, `no policy "daily" among ${list.policies.map((p) => p.name).join(', ')}`);

  const execution = await backups.executeBackupPolicy({
    projectId: PROJECT,
    providerId: PROVIDER,
    executeBackupPolicyRequest: {
      checkpoint: {
        planId: daily.id,
        parameters: { autoTrigger: false, resources: new Set(daily.resources.map((r) => r.id)) },
      },
    },
  });
  const checkpointId = execution.checkpoint.id;

  // Wait until every backup of the checkpoint is available (at most 30 s), failing on an error.
  let polls = 0;
  let items: CheckpointItem[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    items = (await backups.listBackups({ projectId: PROJECT, checkpointId })).checkpointItems;
    polls++;
    check(items.length === daily.resources.length,
      `checkpoint ${checkpointId}: ${items.length} backups, expected ${daily.resources.length}`);
    const failed = items.filter((item) => item.status === 'error');
    check(failed.length === 0, `backups in error: ${failed.map((item) => item.extendInfo.failReason).join('; ')}`);
    if (items.every((item) => item.status === 'available')) {
      break;
    }
    check(Date.now() < deadline, `backups not available after 30 s: ${items.map((i) => i.status).join(', ')}`);
    await sleep(100);
  }

  await backups.deleteBackup({ projectId: PROJECT, providerId: PROVIDER, checkpointId });
  const took = performance.now() - started;

  // The journal's verdict: no request broke the contract...
  const invalid = await journal(base, '?valid=false');
  check(invalid.requests.length === 0,
    `requests that broke the contract:\n${JSON.stringify(invalid.requests, null, 2)}`);
  // ...and the journal holds exactly what this flow sent, each answered 200.
  const sent = (await journal(base, '')).requests.map((r) => `${r.method} ${r.path} ${r.status}`);
  const v1 = `/v1/${PROJECT}`;
  const expected = [
    `GET ${v1}/policies 200`,
    `POST ${v1}/providers/${PROVIDER}/checkpoints 200`,
    ...Array.from({ length: polls }, () => `GET ${v1}/checkpoint_items 200`),
    `DELETE ${v1}/providers/${PROVIDER}/checkpoints/${checkpointId} 200`,
  ];
  check(JSON.stringify(sent) === JSON.stringify(expected),
    `the journal holds\n  ${sent.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}`);

  console.log(`TypeScript flow: ${expected.length} requests (${items.length} backups available after ${polls} `
    + `listings, then deleted), 0 invalid in the journal, ${Math.round(took)} ms`);
}

main(process.argv[2] ?? 'http://127.0.0.1:8080').catch((e: unknown) => {
  console.error(`TypeScript flow failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
