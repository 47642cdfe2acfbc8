import type { GraphQLResponse } from '../../../helpers/gateway';

/** A file for one `Upload` variable. */
export interface UploadFile {
  bytes: Buffer;
  filename: string;
  type?: string;
}

/**
 * POST /graphql as a GraphQL multipart request (operations, map, then the files), with the preflight header the
 * CSRF prevention asks of multipart requests. `files` maps a variable name to its file.
 */
export async function multipartRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, UploadFile>,
  options: { token?: string; preflight?: boolean } = {},
): Promise<GraphQLResponse<T>> {
  const names = Object.keys(files);
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query, variables: { ...variables, ...Object.fromEntries(names.map((n) => [n, null])) } }),
  );
  form.append('map', JSON.stringify(Object.fromEntries(names.map((n, i) => [String(i), [`variables.${n}`]]))));
  names.forEach((name, i) => {
    const file = files[name] as UploadFile;
    form.append(String(i), new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.filename);
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      ...(options.preflight === false ? {} : { 'apollo-require-preflight': 'true' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: form,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<T>['body'] };
}
