import { randomBytes } from 'node:crypto';

/** Id prefixes: ids are global (Relay `node`) and say their type. */
export const ID_PREFIX = {
  Branch: 'br',
  Department: 'dep',
  Category: 'cat',
  Product: 'prd',
  User: 'usr',
  Feedback: 'fb',
  Problem: 'prb',
  LinkageAction: 'act',
  ComplaintCase: 'cmp',
  Callback: 'cbk',
  Comment: 'cmt',
  Evidence: 'evd',
  ServiceAccount: 'sva',
  KnowledgeArticle: 'kb',
  KnowledgeAnswer: 'kba',
} as const;
export type NodeTypeName = keyof typeof ID_PREFIX;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-style id: time-ordered (48-bit ms) then 80 random bits, so inserts stay index-friendly. */
export function newId(type: NodeTypeName, at: number = Date.now(), random: () => Buffer = () => randomBytes(10)): string {
  let time = '';
  let t = at;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = random();
  let rnd = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      rnd += CROCKFORD[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return `${ID_PREFIX[type]}_${time}${rnd}`;
}

const byPrefix = new Map<string, NodeTypeName>(Object.entries(ID_PREFIX).map(([type, prefix]) => [prefix, type as NodeTypeName]));

/** The type an id names, or undefined for anything that is not one of ours. */
export function typeOfId(id: string): NodeTypeName | undefined {
  const i = id.indexOf('_');
  return i > 0 ? byPrefix.get(id.slice(0, i)) : undefined;
}
