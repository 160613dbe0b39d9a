// The one pagination of tables. Server-paged: the total in words, a size changer, and a new page size
// going back to the first page. `useUrlList` keeps the page in the URL; `usePaging` keeps it in state,
// for lists embedded in a page that has more than one.
import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/texts';

export type PageQuery = {
  page: number;
  pageSize: number;
};

export function tablePagination(t: Translate, at: PageQuery, total: number, go: (next: PageQuery) => void): TablePaginationConfig {
  return {
    current: at.page,
    pageSize: at.pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { n }),
    onChange: (page, pageSize) => go({ page: pageSize !== at.pageSize ? 1 : page, pageSize }),
  };
}

/** A table paged in the browser (a short reference list loaded whole). */
export function localPagination(t: Translate, pageSize = 20): TablePaginationConfig {
  return { pageSize, showTotal: (n) => t('common.total', { n }) };
}

export function usePaging(pageSize = 20) {
  const { t } = useI18n();
  const [at, setAt] = useState<PageQuery>({ page: 1, pageSize });
  return {
    /** The page and size to send with the request. */
    query: at,
    toFirstPage: () => setAt((p) => ({ ...p, page: 1 })),
    pagination: (total: number): TablePaginationConfig => tablePagination(t, at, total, setAt),
  };
}
