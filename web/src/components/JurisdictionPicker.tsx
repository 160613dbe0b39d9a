// Pick a jurisdiction or management unit: browse the tree level by level, or type a name to search.
import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import { api } from '../api/client';
import { pathText, type JurisdictionNode } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { LEVEL_LABELS } from '../i18n/labels';

interface TreeNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

export interface JurisdictionPickerProps {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** Levels offered by the search (default: all). */
  levels?: string[];
  placeholder?: string;
  style?: React.CSSProperties;
}

function toTreeNode(n: JurisdictionNode, levelName: string): TreeNode {
  return { id: n.code, pId: n.parentCode, value: n.code, title: `${n.name}（${levelName}）`, isLeaf: n.hasChildren === false };
}

export function JurisdictionPicker({ id, value, onChange, levels, placeholder, style }: JurisdictionPickerProps) {
  const { t, label } = useI18n();
  const [tree, setTree] = useState<TreeNode[]>([]);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<TreeNode[] | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const levelsKey = levels?.join(',');

  useEffect(() => {
    api
      .get<JurisdictionNode[]>('/jurisdictions')
      .then((roots) => setTree(roots.map((n) => toTreeNode(n, label(LEVEL_LABELS, n.level)))))
      .catch(() => setTree([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setFound(null);
      return;
    }
    const h = setTimeout(() => {
      api
        .get<JurisdictionNode[]>('/jurisdictions', { q, levels: levelsKey, limit: 30 })
        .then((rows) =>
          setFound(rows.map((n) => ({ id: n.code, pId: null, value: n.code, title: `${pathText(n)}（${label(LEVEL_LABELS, n.level)}）`, isLeaf: true }))),
        )
        .catch(() => setFound([]));
    }, 200);
    return () => clearTimeout(h);
  }, [search, levelsKey, label]);

  const loadData = async (node: { value?: string | number }) => {
    const code = String(node.value);
    if (tree.some((n) => n.pId === code)) return;
    const children = await api.get<JurisdictionNode[]>('/jurisdictions', { parent: code });
    setTree((old) => [...old, ...children.filter((c) => !old.some((o) => o.id === c.code)).map((c) => toTreeNode(c, label(LEVEL_LABELS, c.level)))]);
  };

  const treeData = found ?? tree;
  return (
    <TreeSelect
      id={id}
      style={{ width: '100%', ...style }}
      value={value ? { value, label: labels[value] ?? tree.find((n) => n.value === value)?.title ?? value } : undefined}
      labelInValue
      onChange={(v: { value: string; label: React.ReactNode } | undefined) => {
        if (v) {
          const title = treeData.find((n) => n.value === v.value)?.title ?? String(v.label);
          setLabels((old) => ({ ...old, [v.value]: title }));
        }
        setSearch('');
        onChange?.(v?.value);
      }}
      treeDataSimpleMode
      treeData={treeData}
      loadData={found ? undefined : loadData}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      placeholder={placeholder ?? t('jurisdiction.browse')}
      allowClear
      virtual={false}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 360 } } }}
    />
  );
}
