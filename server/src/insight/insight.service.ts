import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import { canSeePersonalData } from '../core/viewer.rules.js';
import { maskPersonalData } from '../core/mask.rules.js';
import { badInput, notFound } from '../core/errors.js';
import { idOf, validDate } from '../core/validate.js';
import { pageSize } from '../core/pagination.js';
import { feedbackByIds, type FeedbackRow } from '../feedback/index.js';
import type { ProblemRow } from '../loop/index.js';
import {
  DAY_MS,
  SIMILARITY_THRESHOLD,
  centreOutward,
  changePercent,
  groupKey,
  encodeFeatures,
  featuresOf,
  groupBySimilarity,
  partitionBySimilarity,
  recurrenceWindows,
  weighedTerms,
} from './insight.rules.js';
import {
  actionConfirmations,
  feedbackIdsOfProblem,
  groupingCandidates,
  insertFeatures,
  lastFeedbackRowid,
  replaceStaleFeatures,
  textsOf,
  unindexedFeedback,
  type CandidateRow,
} from './insight.repository.js';
import { FeatureCache } from './insight.cache.js';
import { TopicState } from './insight.topics.rules.js';

/** Items signed per catch-up transaction: short enough (~20 ms) that requests are not held up behind it. */
const CATCH_UP_BATCH = 500;
export const DEFAULT_WINDOW_DAYS = 30;
const MAX_WINDOW_DAYS = 366;
const DEFAULT_MIN_SIZE = 3;
const MAX_MIN_SIZE = 10_000;
/** Suggestions answered at most, largest first: beyond this an analyst narrows the window or raises minSize. */
export const MAX_SUGGESTIONS = 1_000;
const LABEL_MAX = 60;
/**
 * Placements a kept topic state serves before it is built again with the weights of then: the
 * corpus's frequencies move with every report (a storm's own words weigh less as it grows), so a
 * state's weights are at most this many reports old.
 */
const TOPIC_STATE_USES = 16;
/** Topic states kept at most (the most recently used): one per site in a storm, a handful at once. */
const KEPT_TOPIC_STATES = 64;
/** Item sets remembered as partitioned once, at most: one partitioned again gets a kept state. */
const SEEN_ITEM_SETS = 256;

/** A candidate problem as the API shows it; `feedbackIds` run from the centre outward. */
export interface SuggestedGroup {
  key: string;
  label: string;
  size: number;
  categoryId: string;
  branchIds: string[];
  customers: number | null;
  firstAt: Date;
  lastAt: Date;
  feedbackIds: string[];
}

export interface Recurrence {
  windowDays: number;
  before: number;
  after: number;
  changePercent: number | null;
  byBranch: { branchId: string; before: number; after: number }[];
}

export interface SuggestArgs {
  from?: Date | null;
  to?: Date | null;
  minSize?: number | null;
  categoryId?: string | null;
}

/**
 * Insight: which feedback is alike (similarFeedback), which unattached feedback could make a
 * problem (suggestedProblems), and whether a fix made the feedback stop (Problem.recurrence).
 * Similarity is the cosine of IDF-weighted character bigrams/words (insight.rules), computed in the hub.
 * Reading follows the contract: every role reads, a branch manager only their subtree's feedback.
 */
export class InsightService {
  private readonly cache = new FeatureCache();
  /** Every feedback rowid up to this one has a row of features. */
  private indexedTo = 0;
  private catchingUp: Promise<void> | null = null;
  /** Items were committed without features while a catch-up ran: it runs once more when it ends. */
  private indexAgain = false;
  /** The cache's refresh after a recorded report, while it runs; `refreshAgain`: another report since it began. */
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  /** Reports may have been committed since the cache's last refresh began. */
  private cacheBehind = true;
  /** The 3-in-3 rule partitioned since the last refresh: in a burst, the next write will too. */
  private partitioned = false;
  /**
   * The 3-in-3 rule's topics after a set of items, by the items' slots (a corrected item has a new
   * one): a storm's every write partitions its alert's representatives and one new report, so the
   * representatives' groups are kept and the report is placed among them (TopicState).
   */
  private readonly topics = new Map<string, { state: TopicState; uses: number }>();
  /** Sets of items (by slots) partitioned once: the second time, their topics are kept. */
  private readonly seenItemSets = new Set<string>();
  /** What partition() did so far: items placed among kept topics, states built, whole partitions (tests of a storm's cost). */
  readonly partitionWork = { placed: 0, built: 0, whole: 0 };

  constructor(private readonly deps: HubDeps) {
    // While reports keep the 3-in-3 rule partitioning (a storm), each one recorded (here or, on a
    // shared bus, by another process) is read into the cache after its commit, outside any write:
    // the partition inside the next write's transaction then finds the cache current without a
    // read of its own (on PostgreSQL a round trip less in every storm write, which hold the write
    // lock one after another). Everyday writes, which seldom partition, pay no refresh.
    deps.bus.subscribe((event) => {
      if (event.type !== 'FEEDBACK_RECORDED') return;
      this.cacheBehind = true;
      if (this.partitioned) this.refreshSoon();
    });
    // Items loaded without the service (the demo's 30,000, imports) are indexed in the background:
    // the start does not wait, and the first query waits only for what is left.
    const timer = setTimeout(() => void this.catchUp().catch((err: unknown) => this.backgroundFailed(err)), 0);
    timer.unref();
  }

  /**
   * Indexes every item that has no row of features yet, in batches, then stores again the rows
   * an earlier version wrote in its own format (read by the cache, which skips them); one run at a time.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.runCatchUp().finally(() => {
      this.catchingUp = null;
      if (this.indexAgain) this.indexSoon();
    });
    return this.catchingUp;
  }

  /**
   * Starts the catch-up in the background, after a write committed items without their features
   * (an imported batch: the after-commit reaction to RECORDS_IMPORTED), and returns at once. A run
   * already going may have read its last mark before those items committed: it runs once more.
   * Nothing is lost if the process stops first: the next start's catch-up, or the next query's,
   * finds every item that has no row of features.
   */
  indexSoon(): void {
    if (this.catchingUp) {
      this.indexAgain = true;
      return;
    }
    this.indexAgain = false;
    this.catchUp().catch((err: unknown) => this.backgroundFailed(err));
  }

  /** Settles once no catch-up is running (the ones indexSoon started included): for tests and the import CLI. */
  async indexed(): Promise<void> {
    while (this.catchingUp) await this.catchingUp.catch(() => undefined);
  }

  private async runCatchUp(): Promise<void> {
    const { store, log } = this.deps;
    const started = performance.now();
    let indexed = 0;
    while (store.open) {
      const upTo = await lastFeedbackRowid(store.read);
      if (upTo <= this.indexedTo) break;
      const rows = await unindexedFeedback(store.read, this.indexedTo, upTo, CATCH_UP_BATCH);
      if (rows.length) {
        const signed = rows.map((r) => ({ feedbackId: r.id, features: encodeFeatures(featuresOf(r.text)) }));
        await store.transaction(async (tx) => insertFeatures(tx, signed));
        indexed += rows.length;
      }
      this.indexedTo = rows.length < CATCH_UP_BATCH ? upTo : rows[rows.length - 1]!.rowid;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    let upgraded = 0;
    while (store.open) {
      await this.cache.refresh(store.read);
      const ids = [...this.cache.stale].slice(0, CATCH_UP_BATCH);
      if (!ids.length) break;
      const texts = await textsOf(store.read, ids);
      const signed = [...texts].map(([feedbackId, t]) => ({ feedbackId, features: encodeFeatures(featuresOf(t.text)) }));
      await store.transaction(async (tx) => replaceStaleFeatures(tx, signed));
      // Replaced, replaced by another process, or gone: the next refresh reads whatever is stored now.
      for (const id of ids) this.cache.stale.delete(id);
      upgraded += signed.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (indexed || upgraded)
      log.info({ indexed, upgraded, ms: Math.round(performance.now() - started) }, 'insight: feedback without features indexed');
  }

  /** Reads the rows committed since the last refresh, once at a time, again if more were announced meanwhile. */
  private refreshSoon(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    const { store } = this.deps;
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        this.cacheBehind = false;
        this.partitioned = false;
        await this.cache.refresh(store.read);
      } while (this.refreshAgain && store.open);
    })()
      .catch((err: unknown) => this.backgroundFailed(err))
      .finally(() => {
        this.refreshing = null;
      });
  }

  private backgroundFailed(err: unknown): void {
    // A hub stopped while catching up closes the store under it: nothing is lost, the next start resumes.
    if (this.deps.store.open) this.deps.log.warn({ err }, 'insight: background indexing failed; the next query retries');
  }

  /** Indexes what is missing and loads what other writers added, so that answers see every item. */
  private async ready(): Promise<void> {
    const read = this.deps.store.read;
    if (this.catchingUp || (await lastFeedbackRowid(read)) > this.indexedTo) await this.catchUp();
    await this.cache.refresh(read);
    if (this.cache.stale.size) await this.catchUp();
  }

  /**
   * Which of these feedback items report the same thing (partitionBySimilarity), for the 3-in-3
   * rule, oldest first as given: for each, the position of its group's first item.
   *
   * It runs inside the transaction that records or imports the items, so it reads the cache as
   * committed (a refresh reads the rows written since the last one, on the read connection; in a
   * storm it has run after the previous report's commit, and is only waited for) and never catches
   * up, which writes and would wait for that very transaction. Items the cache does
   * not hold — the one being recorded, whose row is not committed yet; imported ones, indexed later
   * in the background — are reduced to features from their text (the same features their row will
   * hold) and counted into the frequencies as if indexed, so that a new complaint's own words
   * weigh as rare as they are. Weights are those of every indexed item, never of the candidates
   * alone: within one category at one branch every item shares the category's words, and agents'
   * openers would weigh like content in so small a corpus.
   *
   * A cache not loaded yet (a write in the first moments after a start, before the background
   * catch-up loaded it) is loaded here, once per process, inside the write: 0.2–0.4 s for the
   * demo's 30,000 items, on either database. Not waiting would decide alerts on the candidates' own
   * frequencies, or on the category alone, and raise or miss alerts depending on how long ago the
   * hub started. Feedback not indexed yet (imported, loaded without the service) counts in the
   * frequencies once the background catch-up has stored it, as for similarFeedback.
   */
  async partition(items: readonly { id: string; text: string }[]): Promise<Int32Array> {
    const kept = this.placeNewest(items, false);
    if (kept) return kept;
    const { cache } = this;
    this.partitioned = true;
    if (this.refreshing) await this.refreshing;
    if (this.cacheBehind) {
      this.cacheBehind = false;
      await cache.refresh(this.deps.store.read);
    }
    const built = this.placeNewest(items, true);
    if (built) return built;
    this.partitionWork.whole++;
    const { terms, weightOf } = weighedTerms(
      cache.index,
      items.map((item) => {
        const slot = cache.slotOf(item.id);
        return slot === undefined ? { features: featuresOf(item.text) } : { slot };
      }),
    );
    return partitionBySimilarity(terms, weightOf);
  }

  /**
   * partition() for items whose every one but the last is indexed and was partitioned before (a
   * storm's write: its alert's representatives, then the report): the last item placed into the
   * kept groups of the others (TopicState), O(its terms × the groups sharing one), instead of
   * partitioning them all again. Without `build`, only a kept state serves, and the cache is not
   * read (a storm's write neither waits for its refresh nor causes one); with `build`, a set of
   * items seen once before gets its state, built with the cache's weights of now. Null: partition
   * them all.
   *
   * With the weights of when its state was built (at most TOPIC_STATE_USES placements ago), the
   * last item lands in the group a whole partition would give it.
   */
  private placeNewest(items: readonly { id: string; text: string }[], build: boolean): Int32Array | null {
    const last = items.length - 1;
    if (last < 1) return null;
    const { cache } = this;
    const slots: number[] = [];
    for (let i = 0; i < last; i++) {
      const slot = cache.slotOf(items[i]!.id);
      if (slot === undefined) return null;
      slots.push(slot);
    }
    const key = slots.join(',');
    let entry = this.topics.get(key);
    if (entry) this.topics.delete(key);
    if (entry && entry.uses >= TOPIC_STATE_USES) entry = undefined;
    if (!entry) {
      if (!build) return null;
      if (!this.seenItemSets.has(key)) {
        if (this.seenItemSets.size >= SEEN_ITEM_SETS) this.seenItemSets.clear();
        this.seenItemSets.add(key);
        return null;
      }
      const prefix = weighedTerms(
        cache.index,
        slots.map((slot) => ({ slot })),
      );
      entry = { state: TopicState.of(prefix.terms, prefix.weightOf), uses: 0 };
      this.partitionWork.built++;
    }
    entry.uses++;
    this.partitionWork.placed++;
    // Most recently used last: the first entry is the one to forget.
    this.topics.set(key, entry);
    if (this.topics.size > KEPT_TOPIC_STATES) this.topics.delete(this.topics.keys().next().value!);
    const newest = items[last]!;
    const slot = cache.slotOf(newest.id);
    const own = weighedTerms(cache.index, [slot === undefined ? { features: featuresOf(newest.text) } : { slot }]);
    const group = entry.state.place(own.terms[0]!, own.weightOf);
    const leaderOf = new Int32Array(items.length);
    leaderOf.set(entry.state.leaderOf);
    leaderOf[last] = group < 0 ? last : group;
    return leaderOf;
  }

  /**
   * The items most similar to one, best first, down to SIMILARITY_THRESHOLD: for a branch manager
   * only those of their subtree. NOT_FOUND when the item does not exist or is out of scope.
   */
  async similar(viewer: Viewer, feedbackId: string, first?: number | null): Promise<FeedbackRow[]> {
    const limit = pageSize(first);
    const source = (await feedbackByIds(this.deps.store.read, [feedbackId]))[0];
    if (!source || (viewer.scope && !viewer.scope.has(source.branchId))) throw notFound('Feedback', feedbackId);
    await this.ready();
    const { cache } = this;
    const { index } = cache;
    const own = cache.slotOf(source.id);
    const vector = own === undefined ? index.vectorOf(featuresOf(source.text)) : index.vectorAt(own);
    const hits: { slot: number; cos: number }[] = [];
    index.withVector(vector, (cosine) => {
      for (let s = 0; s < cache.size; s++) {
        if (s === own || (viewer.scope && !viewer.scope.has(cache.branchAt(s)))) continue;
        const cos = cosine(s);
        if (cos >= SIMILARITY_THRESHOLD) hits.push({ slot: s, cos });
      }
    });
    hits.sort(
      (a, b) =>
        b.cos - a.cos || cache.receivedAt[b.slot]! - cache.receivedAt[a.slot]! || (cache.ids[a.slot]! < cache.ids[b.slot]! ? -1 : 1),
    );
    const ids = hits.slice(0, limit).map((h) => cache.ids[h.slot]!);
    const rows = new Map((await feedbackByIds(this.deps.store.read, ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id)).filter((r): r is FeedbackRow => r !== undefined);
  }

  /**
   * Groups of similar problems and suggestions not yet attached to a problem, received in
   * [from, to) (default: from 30 days before `to` or now, with no end), of at least `minSize`
   * (default 3) items;
   * largest first, at most MAX_SUGGESTIONS. A branch manager's groups are made of their subtree's
   * feedback only.
   */
  async suggest(viewer: Viewer, args: SuggestArgs): Promise<SuggestedGroup[]> {
    // Without `to`, nothing recent is cut off: feedback may be dated minutes ahead (clock skew).
    const to = args.to ? validDate('to', args.to) : null;
    const from = args.from
      ? validDate('from', args.from)
      : new Date((to ?? this.deps.clock.now()).getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (to && from.getTime() >= to.getTime()) throw badInput('from', 'from must be before to.');
    const minSize = args.minSize ?? DEFAULT_MIN_SIZE;
    if (!Number.isInteger(minSize) || minSize < 2 || minSize > MAX_MIN_SIZE)
      throw badInput('minSize', `minSize must be between 2 and ${MAX_MIN_SIZE}.`);
    const categoryId = args.categoryId ? idOf('categoryId', args.categoryId, 'Category') : null;
    await this.ready();
    const { cache } = this;
    const rows: CandidateRow[] = [];
    const slots: number[] = [];
    for (const row of await groupingCandidates(this.deps.store.read, {
      from,
      to,
      categoryId,
      branchIds: viewer.scope ? [...viewer.scope] : null,
    })) {
      const slot = cache.slotOf(row.id);
      if (slot === undefined) continue;
      rows.push(row);
      slots.push(slot);
    }
    const leaderOf = groupBySimilarity(cache.index, slots);
    const groups = new Map<number, number[]>();
    leaderOf.forEach((leader, i) => {
      const members = groups.get(leader);
      if (members) members.push(i);
      else groups.set(leader, [i]);
    });
    const suggested: (SuggestedGroup & { centre: string })[] = [];
    for (const members of groups.values()) {
      if (members.length < minSize) continue;
      const order = centreOutward(
        cache.index,
        members.map((i) => slots[i]!),
      );
      suggested.push(describe(order.map((k) => rows[members[k]!]!)));
    }
    suggested.sort((a, b) => b.size - a.size || b.lastAt.getTime() - a.lastAt.getTime() || (a.key < b.key ? -1 : 1));
    const shown = suggested.slice(0, MAX_SUGGESTIONS);
    const texts = await textsOf(
      this.deps.store.read,
      shown.map((c) => c.centre),
    );
    return shown.map(({ centre, ...group }) => {
      const t = texts.get(centre);
      return { ...group, label: t ? labelOf(canSeePersonalData(viewer, t.recordedBy) ? t.text : maskPersonalData(t.text)) : '' };
    });
  }

  /**
   * Feedback similar to the problem's own (or attached to it) in the `windowDays` before
   * remediation began and as long after its last action was confirmed. Null before remediation;
   * for a branch manager only the feedback of their subtree counts.
   */
  async recurrence(viewer: Viewer, problem: ProblemRow, windowDays?: number | null): Promise<Recurrence | null> {
    const days = windowDays ?? DEFAULT_WINDOW_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS)
      throw badInput('windowDays', `windowDays must be between 1 and ${MAX_WINDOW_DAYS}.`);
    if (!problem.remediatingAt) return null;
    await this.ready();
    const read = this.deps.store.read;
    const windows = recurrenceWindows(
      problem.remediatingAt.getTime(),
      await actionConfirmations(read, problem.id),
      days,
      this.deps.clock.now().getTime(),
    );
    const { cache } = this;
    const { index } = cache;
    const ownIds = new Set(await feedbackIdsOfProblem(read, problem.id));
    const { before: b, after: a } = windows;
    // The items in either window that the viewer may count.
    const inWindow: number[] = [];
    for (let s = 0; s < cache.size; s++) {
      const t = cache.receivedAt[s]!;
      if (!(t >= b.from && t < b.to) && !(a !== null && t >= a.from && t < a.to)) continue;
      if (viewer.scope && !viewer.scope.has(cache.branchAt(s))) continue;
      inWindow.push(s);
    }
    // Each of them that is the problem's own or similar to one of its items. One reference per
    // distinct feature set: a problem's feedback is often the same text many times.
    const counted = new Uint8Array(inWindow.length);
    inWindow.forEach((s, k) => {
      if (ownIds.has(cache.ids[s]!)) counted[k] = 1;
    });
    const refs = new Map<number, number[]>();
    for (const id of ownIds) {
      const o = cache.slotOf(id);
      if (o === undefined) continue;
      const same = refs.get(index.keyOf(o));
      if (!same) refs.set(index.keyOf(o), [o]);
      else if (!same.some((r) => index.sameTerms(r, o))) same.push(o);
    }
    for (const o of [...refs.values()].flat())
      index.withVector(index.vectorAt(o), (cosine) => {
        inWindow.forEach((s, k) => {
          if (!counted[k] && cosine(s) >= SIMILARITY_THRESHOLD) counted[k] = 1;
        });
      });
    const counts = new Map<string, { before: number; after: number }>();
    let before = 0;
    let after = 0;
    inWindow.forEach((s, k) => {
      if (!counted[k]) return;
      const branchId = cache.branchAt(s);
      const c = counts.get(branchId) ?? { before: 0, after: 0 };
      const t = cache.receivedAt[s]!;
      if (t >= b.from && t < b.to) {
        before++;
        c.before++;
      } else {
        after++;
        c.after++;
      }
      counts.set(branchId, c);
    });
    const org = this.deps.org;
    return {
      windowDays: days,
      before,
      after,
      changePercent: changePercent(before, after, windows.complete),
      byBranch: [...counts]
        .map(([branchId, c]) => ({ branchId, ...c }))
        .sort((x, y) => (org.get(x.branchId)?.code ?? x.branchId).localeCompare(org.get(y.branchId)?.code ?? y.branchId)),
    };
  }
}

/** A group's facts from its members, centre first. The key hashes the sorted ids: the same members, the same key. */
function describe(members: CandidateRow[]): SuggestedGroup & { centre: string } {
  const ids = members.map((m) => m.id);
  const key = groupKey(ids);
  const categories = new Map<string, number>();
  const customers = new Set<string>();
  let firstAt = Infinity;
  let lastAt = -Infinity;
  for (const m of members) {
    categories.set(m.categoryId, (categories.get(m.categoryId) ?? 0) + 1);
    if (m.customerRef) customers.add(m.customerRef);
    firstAt = Math.min(firstAt, m.receivedAt);
    lastAt = Math.max(lastAt, m.receivedAt);
  }
  // The category most members were filed under; a tie goes to the lower id, so that it is stable.
  const categoryId = [...categories].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0];
  return {
    key,
    label: '',
    size: members.length,
    categoryId,
    branchIds: [...new Set(members.map((m) => m.branchId))],
    customers: customers.size ? customers.size : null,
    firstAt: new Date(firstAt),
    lastAt: new Date(lastAt),
    feedbackIds: ids,
    centre: ids[0]!,
  };
}

/** The centre's text, masked for this viewer before it is cut, so that a cut never un-masks a number. */
function labelOf(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= LABEL_MAX ? chars.join('') : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}
