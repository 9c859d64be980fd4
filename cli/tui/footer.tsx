// Lines both screens end with.
import { Text } from 'ink';
import type { Feedback } from './use-feedback.ts';

/** Where the page shown sits in the list, when the list needs more than one. */
export function PageNote({ start, end, total, noun }: { start: number; end: number; total: number; noun: string }) {
  if (end - start >= total) return null;
  return (
    <Text dimColor>
      {noun} {start + 1}–{end} of {total}
      {end < total ? '; move past the last for more' : ''}
    </Text>
  );
}

/** What the last action came to. */
export function Message({ feedback }: { feedback: Feedback | null }) {
  return feedback && <Text color={feedback.ok ? 'green' : 'red'}>{feedback.message}</Text>;
}

/** A footer's keys, most used first, as many as fit in `width`; "q quit" always shows, last. */
export function fitKeys(keys: readonly string[], width: number): string {
  const shown: string[] = [];
  for (const entry of keys) if ([...shown, entry, 'q quit'].join(' · ').length <= width) shown.push(entry);
  return [...shown, 'q quit'].join(' · ');
}
