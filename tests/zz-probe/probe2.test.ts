import { it } from 'vitest';
import { startHub } from '../utils/hub.js';

it('probe export', { timeout: 120_000 }, async () => {
  const hub = await startHub({ demo: { feedback: 50, contacts: 10 } });
  const t = await hub.login('coordinator');
  const p = (await hub.gql(t, '{ problems(first: 1) { edges { node { id } } } }')).data!.problems.edges[0].node.id;
  const base = hub.url.replace(/\/graphql$/, '');
  for (const path of [`/exports/problems/${p}/linkage.xlsx`, `/exports/problems/${p}%00/linkage.xlsx`, `/reports/voc/2026-01/print?branchId=br_x%00`, `/exports/problems/${p}%00x/linkage.xlsx`]) {
    const res = await fetch(base + path, { headers: { authorization: `Bearer ${t}` } });
    console.log('EXPORT', res.status, path, (await res.text()).slice(0, 150));
  }
  await hub.stop();
});
