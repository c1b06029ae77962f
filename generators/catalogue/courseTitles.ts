import type { Random } from '../../mocks/core/random.js';
import { chance, sample } from '../random/seedStreams.js';
import {
  angles,
  audiences,
  descriptionEndings,
  descriptionOpenings,
  learningTopics,
  type LearningTopic,
} from './learningTopics.js';
import { joinList, slugify } from './textForms.js';

export interface TitledSession {
  title: string;
  slug: string;
  topic: LearningTopic;
  /** Two descriptions to choose from, so that repeated titles do not always read the same. */
  descriptions: readonly [string, string];
}

/**
 * Titles as a catalogue words them (`Negotiation Skills for New Managers`, `Masterclass: SQL for
 * Analysts`), composed from the topic list. A pool of a few hundred is drawn once per seed; a
 * catalogue repeats its titles too, as the same course runs many times.
 */
export function composeTitles(random: Random, formats: readonly string[], count: number): TitledSession[] {
  const titles: TitledSession[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; titles.length < count && attempt < count * 4; attempt++) {
    const topic = random.pick(learningTopics);
    const title = composeTitle(random, topic.subject, formats);
    if (seen.has(title)) continue;
    seen.add(title);
    titles.push({
      title,
      slug: slugify(title),
      topic,
      descriptions: [describe(random, topic), describe(random, topic)],
    });
  }
  return titles;
}

function composeTitle(random: Random, subject: string, formats: readonly string[]): string {
  switch (random.int(0, 4)) {
    case 0:
      return subject;
    case 1:
      // `Incident Response for On-Call Engineers` already names its audience.
      return subject.includes(' for ')
        ? `${subject}: ${random.pick(angles)}`
        : `${subject} for ${random.pick(audiences)}`;
    case 2:
      return `${subject}: ${random.pick(angles)}`;
    case 3:
      return `${random.pick(formats)}: ${subject}`;
    default:
      return `${subject} ${random.pick(formats)}`;
  }
}

/** A one- or two-line description; some carry quotes or a line break, as real ones do. */
export function describe(random: Random, topic: LearningTopic): string {
  const outcomes = joinList(sample(random, topic.outcomes, 2, 3));
  let text = `${random.pick(descriptionOpenings)} ${topic.subject}: ${outcomes}, ${random.pick(descriptionEndings)}.`;
  if (chance(random, 0.1)) text += ` Includes our "first 90 days" checklist.`;
  if (chance(random, 0.05)) text += `\nPrerequisites: none. Bring a laptop.`;
  return text;
}
