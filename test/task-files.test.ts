import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAttachmentScanner } from '../src/modules/attachments';
import { systemActor } from '../src/modules/audit';
import { taskFilesRoot } from '../src/modules/tasks';
import { storeTaskFile } from '../src/modules/tasks/task-files';
import { EICAR, pdf } from './helpers/attachment-fixtures';
import { makeAgency } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// A key-task file is written to a temporary name, fsynced, scanned and only then renamed into place; a
// failure at any step — an infected file, a scanner that is down — leaves nothing behind in the folder.

describe.each(testDatabases())('storing a key-task file on %s', (kind) => {
  let ctx: TestContext;
  let agencyId: string;
  let scannerDown = false;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agencyId = (await makeAgency(ctx)).id;
    useAttachmentScanner(ctx, {
      scanFile: async (file) => {
        if (scannerDown) throw new Error('clamd: connection refused');
        return readFileSync(file).includes(EICAR) ? 'infected' : 'clean';
      },
    });
  });
  afterAll(() => ctx.close());

  const uploadFor = () => ({
    actor: systemActor('test'),
    objectType: 'key_task' as const,
    objectId: 'task-1',
    agencyId,
  });
  const leftovers = () => (existsSync(taskFilesRoot(ctx)) ? readdirSync(taskFilesRoot(ctx)) : []);

  it('keeps a clean file under its generated name and nothing else', async () => {
    const stored = await storeTaskFile(ctx, { name: '材料.pdf', bytes: pdf() }, uploadFor());
    expect(leftovers()).toEqual([stored.stored_name]);
  });

  it('leaves no partial file when the file is infected or the scanner fails', async () => {
    const before = leftovers();
    await expect(storeTaskFile(ctx, { name: 'eicar.pdf', bytes: pdf(EICAR) }, uploadFor())).rejects.toThrow(
      /未通过病毒扫描/,
    );
    scannerDown = true;
    await expect(storeTaskFile(ctx, { name: '材料.pdf', bytes: pdf() }, uploadFor())).rejects.toThrow(
      /connection refused/,
    );
    scannerDown = false;
    expect(leftovers()).toEqual(before);
  });
});
