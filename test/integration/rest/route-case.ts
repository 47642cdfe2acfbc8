import { createAccessTokens } from '../../../core/access-tokens';
import { TEST_JWT_SECRET } from '../../helpers/gateway';
import { encodeForm, httpRequest } from '../../helpers/http-request';

const tokens = createAccessTokens(TEST_JWT_SECRET);

/** Tokens of the demo accounts, signed as the gateway signs them. */
export const TOKEN = {
  admin: tokens.sign('admin-000000000001').token,
  student1: tokens.sign('student-000000000001').token,
  student2: tokens.sign('student-000000000002').token,
  student3: tokens.sign('student-000000000003').token,
  teacher1: tokens.sign('teacher-000000000001').token,
  parent1: tokens.sign('parent-000000000001').token,
};

export type Who = keyof typeof TOKEN | null;

/** One golden envelope: what a legacy client sends and the status, code and fields it must get back. */
export interface RouteCase {
  name: string;
  method: string;
  path: string;
  who: Who;
  json?: unknown;
  form?: () => Promise<FormData> | FormData;
  status: number;
  code?: number;
  fields?: Record<string, unknown>;
}

export async function runRouteCase(base: string, c: RouteCase): Promise<void> {
  const headers: Record<string, string> = c.who ? { authorization: `Bearer ${TOKEN[c.who]}` } : {};
  let body: Buffer | string | undefined;
  if (c.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(c.json);
  } else if (c.form) {
    const encoded = await encodeForm(await c.form());
    headers['content-type'] = encoded.contentType;
    body = encoded.body;
  }
  const res = await httpRequest(`${base}${c.path}`, { method: c.method, headers, ...(body ? { body } : {}) });
  const envelope = JSON.parse(res.text) as Record<string, unknown>;
  expect({ http: res.status, ...envelope }).toMatchObject({
    http: c.status,
    status: c.status,
    code: c.code ?? 0,
    message: expect.any(String),
    ...(c.fields ?? {}),
  });
}

export const png = () => new Blob([Buffer.from('\x89PNG fake image bytes')], { type: 'image/png' });
