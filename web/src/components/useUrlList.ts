// A list whose filters, page and page size live in the URL, so that Back returns to the same list.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { tablePagination } from './usePaging';

const PAGE_SIZE = 20;

/** The filters are read from the URL by `parse`; empty, false and absent values are left out of it. */
export function useUrlList<F extends object>(parse: (params: URLSearchParams) => F) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parse(params), [params]);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? PAGE_SIZE) || PAGE_SIZE;

  const setQuery = (next: F, p = 1, size = pageSize) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null && v !== '' && v !== false) sp.set(k, String(v));
    if (p > 1) sp.set('page', String(p));
    if (size !== PAGE_SIZE) sp.set('pageSize', String(size));
    setParams(sp);
  };

  /** The table's pagination: changing the page size goes back to the first page. */
  const pagination = (total: number): TablePaginationConfig =>
    tablePagination(t, { page, pageSize }, total, (next) => setQuery(filters, next.page, next.pageSize));

  return { filters, page, pageSize, setQuery, pagination };
}

/** Parses the string filters named by `keys`. */
export const stringFilters = <K extends string>(keys: readonly K[]) => (params: URLSearchParams): Partial<Record<K, string>> => {
  const f: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
};
