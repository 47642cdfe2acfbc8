/**
 * A route's request fields, written like the legacy Go binding tags they mirror:
 * `student_id: ['string', 'required,min=4,max=16']`. Types say how to coerce query/form strings; rules are the
 * legacy validator rules (legacy-api.md §0.5).
 */
export type FieldType = 'string' | 'int' | 'strings' | 'objects' | 'file';

export type FieldSpecs = Record<string, [type: FieldType, rules?: string]>;

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export type BoundValue = string | number | string[] | Array<Record<string, unknown>> | UploadedFile | undefined;
export type BoundRequest = Record<string, BoundValue>;

/** `student_id` → `StudentID`, as the Go struct fields were named (for validator messages). */
export function goFieldName(jsonName: string): string {
  const ACRONYMS = new Set(['id', 'pw', 'uuid', 'uuids', 'uri']);
  return jsonName
    .split('_')
    .map((part) =>
      ACRONYMS.has(part)
        ? part === 'uuids'
          ? 'UUIDs'
          : part.toUpperCase()
        : part.charAt(0).toUpperCase() + part.slice(1),
    )
    .join('');
}
