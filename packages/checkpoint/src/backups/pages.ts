// Paging through listBackups as the service pages: by offset, until a page comes back empty (as Huawei's
// Terraform provider does, which trusts neither `count` nor a short page), or by marker (the last backup's
// id) when the caller starts from one. Each page is asked for only when the caller reaches it.
import type { BackupListResp, BackupResp } from '@cbr-sdk/checkpoint-api';

/** The paging fields of a listBackups query. */
export interface PagingQuery {
  /** How many backups a page holds (the service's default when not given). */
  limit?: number;
  /** Where to start, by position. */
  offset?: number;
  /** Where to start, after this backup's id; given, paging goes by marker instead of offset. */
  marker?: string;
}

/**
 * The backups of every page, lazily: `for await (const backup of cbr.backups.list(query))`, or page by page
 * with `byPage()`.
 */
export interface BackupPager extends AsyncIterableIterator<BackupResp> {
  /** The pages themselves (each a non-empty array of backups), asked for one at a time. */
  byPage(): AsyncIterableIterator<BackupResp[]>;
}

/** Every page, starting where the query says, until an empty one (or one that repeats the previous one). */
export async function* pagesOf<Q extends PagingQuery>(
  query: Q,
  fetchPage: (query: Q) => Promise<BackupListResp>,
): AsyncGenerator<BackupResp[], void, undefined> {
  const byMarker = query.marker !== undefined;
  let offset = query.offset ?? 0;
  let marker = query.marker;
  let previous: ReadonlySet<string> | undefined;
  for (;;) {
    const { backups } = await fetchPage(byMarker ? { ...query, marker } : { ...query, offset });
    const last = backups.at(-1);
    if (last === undefined) return;
    // A service that ignored offset or marker would answer the same page for ever: a page that holds
    // nothing new ends the listing instead of looping.
    if (previous && backups.every((backup) => previous?.has(backup.id))) return;
    yield backups;
    previous = new Set(backups.map((backup) => backup.id));
    if (byMarker) marker = last.id;
    else offset += backups.length;
  }
}

/** A pager over `pagesOf`: iterating it yields backups; `byPage()` yields the pages. */
export function pager<Q extends PagingQuery>(query: Q, fetchPage: (query: Q) => Promise<BackupListResp>): BackupPager {
  async function* each() {
    for await (const page of pagesOf(query, fetchPage)) yield* page;
  }
  const items = each();
  return {
    next: () => items.next(),
    return: (value?: unknown) => items.return(value as undefined),
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage: () => pagesOf(query, fetchPage),
  };
}
