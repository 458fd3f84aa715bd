import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, isHiddenPath, labelFolderImages, UNLABELLED_IN_LABELLED_FOLDER } from './labels';

/** Path parts as folders really name them: short, sometimes hidden, digits to exercise natural order. */
const part = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 _-]{1,6}$/),
  fc.stringMatching(/^\.[a-z]{0,4}$/),
  fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !s.includes('/')),
);
const path = fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
const paths = fc.uniqueArray(path, { maxLength: 30 });

describe('labelFolderImages, for any list of paths', () => {
  it('keeps or skips every visible path once, hidden ones never, in an order the input does not change', () => {
    fc.assert(
      fc.property(paths, fc.func(fc.integer()), (list, key) => {
        const plan = labelFolderImages(list);
        const visible = list.filter((p) => !isHiddenPath(p));
        const seen = [...plan.paths, ...plan.skipped.map((s) => s.path)];
        expect([...seen].sort()).toEqual([...visible].sort());
        const shuffled = [...list].sort((a, b) => key(a) - key(b));
        expect(labelFolderImages(shuffled)).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });

  it('labels each kept path with its first folder, from sorted unique class names', () => {
    fc.assert(
      fc.property(paths, (list) => {
        const { paths: kept, labels, classNames, skipped } = labelFolderImages(list);
        expect(new Set(classNames).size).toBe(classNames.length);
        expect([...classNames].sort(compareNames)).toEqual(classNames);
        if (labels === null) {
          expect(classNames).toEqual([]);
          expect(skipped).toEqual([]);
          expect(kept.every((p) => !p.includes('/'))).toBe(true);
          return;
        }
        expect(labels.length).toBe(kept.length);
        kept.forEach((p, i) => expect(classNames[labels[i]]).toBe(p.slice(0, p.indexOf('/'))));
        expect(
          skipped.every((s) => !s.path.includes('/') && s.reason === UNLABELLED_IN_LABELLED_FOLDER),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('compareNames', () => {
  it('is a total order: antisymmetric, zero only for equal names, and transitive', () => {
    const name = fc.oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^[a-zA-Z]{0,2}[0-9]{0,3}$/));
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(Math.sign(compareNames(a, b)) + Math.sign(compareNames(b, a))).toBe(0);
        expect(compareNames(a, b) === 0).toBe(a === b);
        if (compareNames(a, b) < 0 && compareNames(b, c) < 0) expect(compareNames(a, c)).toBeLessThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isHiddenPath', () => {
  it('is true exactly when some part starts with a dot', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        expect(isHiddenPath(parts.join('/'))).toBe(parts.some((p) => p.startsWith('.')));
      }),
      { numRuns: 200 },
    );
  });
});
