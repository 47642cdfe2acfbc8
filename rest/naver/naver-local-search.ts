/** One place of Naver's local search, with the fields the legacy gateway passed on (legacy-api.md §1.10). */
export interface NaverPlace {
  title: string;
  link: string;
  category: string;
  telephone: string;
  address: string;
  roadAddress: string;
  mapx: string;
  mapy: string;
}

export interface NaverLocalResult {
  lastBuildDate: string;
  total: number;
  start: number;
  display: number;
  items: NaverPlace[];
}

/** What a search came to: places, Naver's own non-200 (passed through), or no usable answer at all. */
export type NaverSearchOutcome =
  | { kind: 'ok'; result: NaverLocalResult }
  | { kind: 'status'; status: number; errorMessage: string }
  | { kind: 'failed'; stage: 'send' | 'decode'; error: unknown };

/**
 * Naver's local search (`/v1/search/local.json`), as route 70 uses it: first page, 5 places, sorted by review
 * count. An adapter with an in-memory twin, because tests and the embedded demo have no network.
 */
export interface NaverLocalSearch {
  search(keyword: string): Promise<NaverSearchOutcome>;
}

export interface HttpNaverLocalSearchOptions {
  /** The endpoint, `https://openapi.naver.com/v1/search/local.json` in production. */
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);

function placeOf(item: unknown): NaverPlace {
  const i = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  return {
    title: str(i.title),
    link: str(i.link),
    category: str(i.category),
    telephone: str(i.telephone),
    address: str(i.address),
    roadAddress: str(i.roadAddress),
    // Naver sends the coordinates as strings (the legacy struct declared them so); keep them strings.
    mapx: i.mapx === undefined ? '' : String(i.mapx),
    mapy: i.mapy === undefined ? '' : String(i.mapy),
  };
}

/** The real API over HTTPS with the client id/secret headers, as the legacy handler called it. */
export function createHttpNaverLocalSearch(options: HttpNaverLocalSearchOptions): NaverLocalSearch {
  return {
    async search(keyword) {
      const url = new URL(options.url);
      url.searchParams.set('start', '1');
      url.searchParams.set('display', '5');
      url.searchParams.set('sort', 'comment');
      url.searchParams.set('query', keyword);
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { 'X-Naver-Client-Id': options.clientId, 'X-Naver-Client-Secret': options.clientSecret },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        return { kind: 'failed', stage: 'send', error };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // An error page that is not JSON still carries Naver's status (the legacy gateway answered 500 here).
        if (response.status !== 200) return { kind: 'status', status: response.status, errorMessage: '' };
        return { kind: 'failed', stage: 'decode', error };
      }
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (response.status !== 200)
        return { kind: 'status', status: response.status, errorMessage: str(b.errorMessage) };
      return {
        kind: 'ok',
        result: {
          lastBuildDate: str(b.lastBuildDate),
          total: num(b.total),
          start: num(b.start),
          display: num(b.display),
          items: Array.isArray(b.items) ? b.items.map(placeOf) : [],
        },
      };
    },
  };
}

/** Fixed places near the school, for the twin. */
export const TWIN_PLACES: readonly NaverPlace[] = [
  {
    title: '대덕소프트웨어마이스터고등학교',
    link: 'https://dsmhs.djsch.kr',
    category: '교육,학문>고등학교',
    telephone: '042-866-8822',
    address: '대전광역시 유성구 장동 23-9',
    roadAddress: '대전광역시 유성구 가정북로 76',
    mapx: '352370',
    mapy: '422160',
  },
  {
    title: '장동 편의점',
    link: '',
    category: '생활,편의>편의점',
    telephone: '',
    address: '대전광역시 유성구 장동 11-1',
    roadAddress: '대전광역시 유성구 가정북로 60',
    mapx: '352301',
    mapy: '422034',
  },
  {
    title: '신성동 분식',
    link: '',
    category: '음식점>분식',
    telephone: '042-000-0000',
    address: '대전광역시 유성구 신성동 150-3',
    roadAddress: '대전광역시 유성구 신성로 84',
    mapx: '351987',
    mapy: '421455',
  },
];

/** Naver's `lastBuildDate` format (RFC 1123 with the KST offset): `Tue, 04 Oct 2016 14:54:38 +0900`. */
function naverDate(ms: number): string {
  const kst = new Date(ms + 9 * 3600_000).toUTCString(); // "Tue, 04 Oct 2016 14:54:38 GMT"
  return kst.replace('GMT', '+0900');
}

/**
 * The in-memory twin: the fixed places whose title, category or address contains the keyword (all of them when
 * the keyword is `*`), at most 5, shaped as Naver answers.
 */
export function createMemoryNaverLocalSearch(
  places: readonly NaverPlace[] = TWIN_PLACES,
  now: () => number = Date.now,
): NaverLocalSearch {
  return {
    async search(keyword) {
      const found = places.filter(
        (p) => keyword === '*' || [p.title, p.category, p.address, p.roadAddress].some((f) => f.includes(keyword)),
      );
      const items = found.slice(0, 5);
      return {
        kind: 'ok',
        result: { lastBuildDate: naverDate(now()), total: found.length, start: 1, display: items.length, items },
      };
    },
  };
}
