import { createIdSource, type IdSource } from '../core/ids.js';

/** An id source that knows how many ids it has drawn, so that its place can be saved and restored. */
export interface PositionedIds extends IdSource {
  readonly seed: number;
  readonly position: number;
}

/** The seed's id sequence from `position` on (the ids before it are drawn and thrown away). */
export function createPositionedIds(seed: number, position = 0): PositionedIds {
  const source = createIdSource(seed);
  for (let i = 0; i < position; i++) source.uuid();
  let drawn = position;
  return {
    seed,
    get position() {
      return drawn;
    },
    uuid() {
      drawn += 1;
      return source.uuid();
    },
  };
}

export function isPositioned(ids: IdSource): ids is PositionedIds {
  return typeof (ids as Partial<PositionedIds>).position === 'number';
}
