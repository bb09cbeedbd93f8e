// Which control a problem's field names: the control itself, or the nearest enclosing name.

import { describe, expect, it } from 'vitest';
import { fieldFor, integerOr } from './forms';

const fields = { worker: {}, 'official.role': {}, official: {}, courses: {}, absent: {} } as unknown as Record<string, HTMLElement>;

describe('fieldFor', () => {
  it('finds the control the API names', () => {
    expect(fieldFor(fields, 'worker')).toBe('worker');
    expect(fieldFor(fields, 'official.role')).toBe('official.role');
  });
  it('falls back to the enclosing name for an item or a member', () => {
    expect(fieldFor(fields, 'courses[1]')).toBe('courses');
    expect(fieldFor(fields, 'absent[0]')).toBe('absent');
    expect(fieldFor(fields, 'official.name')).toBe('official');
  });
  it('names nothing when the form has no such control', () => {
    expect(fieldFor(fields, 'centre')).toBeNull();
    expect(fieldFor(fields, undefined)).toBeNull();
    expect(fieldFor(fields, '')).toBeNull();
    expect(fieldFor({}, 'text.ne.title')).toBeNull();
  });
});

describe('integerOr', () => {
  it('reads a whole number and leaves any other text for the node to name', () => {
    expect(integerOr('30')).toBe(30);
    expect(integerOr('')).toBe('');
    expect(integerOr('3.5')).toBe('3.5');
    expect(integerOr('thirty')).toBe('thirty');
  });
});
