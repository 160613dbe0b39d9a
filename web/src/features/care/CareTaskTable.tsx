// The care tasks of a place or a person, with their state and the actions on them (the care page and a person's record).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CareTaskView } from '../../api/observationTypes';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { usePaging } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { CARE_NEED_LABELS, CARE_TASK_STATUS_LABELS } from '../../i18n/labels';
import { CloseTaskModal } from './careModals';

const STATUS_COLORS: Record<string, string> = { open: 'blue', done: 'green', cancelled: 'default' };

export function CareTaskTable({
  query,
  canManage,
  reloadKey,
  onChanged,
  compact,
}: {
  query: Record<string, string | number | boolean | undefined>;
  canManage: boolean;
  reloadKey?: number;
  onChanged?(): void;
  compact?: boolean;
}) {
  const { t, label } = useI18n();
  const { query: page, pagination } = usePaging(compact ? 10 : 20);
  const [closing, setClosing] = useState<{ task: CareTaskView; action: 'complete' | 'cancel' } | null>(null);
  const key = JSON.stringify(query);
  const list = useApiData((signal) => api.get<Page<CareTaskView>>('/care/tasks', { ...query, ...page }, { signal }), [key, page.page, page.pageSize, reloadKey]);
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 8 }} />}
      <Table<CareTaskView>
        rowKey="id"
        size={compact ? 'small' : 'middle'}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty image={compact ? Empty.PRESENTED_IMAGE_SIMPLE : undefined} description={t('care.emptyTasks')} /> }}
        rowClassName={(task) => (task.overdue ? 'care-overdue' : '')}
        pagination={{ ...pagination(list.data?.total ?? 0), hideOnSinglePage: compact }}
        columns={[
          {
            title: t('care.dueAt'),
            width: compact ? undefined : 210,
            render: (_, task) => (
              <Space size={4}>
                <Typography.Text type={task.overdue ? 'danger' : undefined} strong={task.overdue}>
                  {formatTime(task.dueAt)}
                </Typography.Text>
                {task.overdue && <Tag color="red">{t('care.overdue')}</Tag>}
              </Space>
            ),
          },
          ...(compact ? [] : [{ title: t('arrivals.name'), render: (_: unknown, task: CareTaskView) => <Link to={`/persons/${task.person.id}`}>{task.person.name}</Link> }]),
          ...(compact ? [] : [{ title: t('persons.residence'), render: (_: unknown, task: CareTaskView) => task.person.jurisdiction.name }]),
          { title: t('care.taskTitle'), render: (_, task) => task.title },
          ...(compact
            ? []
            : [
                { title: t('care.need'), render: (_: unknown, task: CareTaskView) => label(CARE_NEED_LABELS, task.need) },
                { title: t('care.assignee'), render: (_: unknown, task: CareTaskView) => task.assignee?.displayName ?? '—' },
              ]),
          { title: t('users.status'), render: (_, task) => <Tag color={STATUS_COLORS[task.status]}>{label(CARE_TASK_STATUS_LABELS, task.status)}</Tag> },
          {
            title: t('care.closed'),
            hidden: compact,
            render: (_, task) =>
              task.closedAt ? (
                <span>
                  {formatTime(task.closedAt)} {task.closedBy?.displayName ?? ''}
                  {task.closeNote && <Typography.Text type="secondary" style={{ display: 'block' }}>{task.closeNote}</Typography.Text>}
                </span>
              ) : (
                '—'
              ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, task: CareTaskView) =>
                    task.status === 'open' ? (
                      <Space size={4}>
                        <Button size="small" type="primary" onClick={() => setClosing({ task, action: 'complete' })}>
                          {t('care.complete')}
                        </Button>
                        <Button size="small" onClick={() => setClosing({ task, action: 'cancel' })}>
                          {t('care.cancel')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <CloseTaskModal
        task={closing?.task ?? null}
        action={closing?.action ?? 'complete'}
        onClose={() => setClosing(null)}
        onDone={() => {
          setClosing(null);
          void list.reload();
          onChanged?.();
        }}
      />
      <style>{'.care-overdue td { background: #fff1f0 !important; } .care-overdue td:first-child { box-shadow: inset 4px 0 0 #cf1322; }'}</style>
    </>
  );
}
