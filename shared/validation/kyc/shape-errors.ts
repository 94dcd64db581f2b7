/** The schema's shape errors (a malformed payload), said in the same plain words as the field rules. */
import { Findings, type KycErrors } from './findings';

interface ShapeIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly origin?: string;
  readonly maximum?: number | bigint;
}

export function shapeErrors(issues: readonly ShapeIssue[]): KycErrors {
  const f = new Findings();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || 'record';
    switch (issue.code) {
      case 'too_big':
        f.fail(path, issue.origin === 'array' ? `Too many entries: at most ${String(issue.maximum)}.` : `Too long: at most ${String(issue.maximum)} characters.`);
        break;
      case 'custom':
      case 'invalid_format':
        f.fail(path, issue.message);
        break;
      case 'invalid_type':
        f.fail(path, 'This is missing or not the right kind of value.');
        break;
      default:
        f.fail(path, 'This value is not accepted.');
    }
  }
  return f.errors;
}
