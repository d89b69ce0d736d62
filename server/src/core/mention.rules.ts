// A username: letters, digits, dot, underscore, hyphen; it does not end with a dot, so that
// "请@bm.sh." at the end of a sentence names bm.sh. Not preceded by a word character or a dot,
// so that e-mail addresses are no mentions.
const MENTION = /(?<![\w.@])@([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?)/g;

/**
 * The usernames a text mentions with @username, lower-cased, each once, in order: the one reading
 * of a mention, for the notes of the loop's steps (notification/) and the comments on a problem
 * (discussion/) alike.
 */
export function mentionedUsernames(text: string | null): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(MENTION)) found.add(m[1]!.toLowerCase());
  return [...found];
}
