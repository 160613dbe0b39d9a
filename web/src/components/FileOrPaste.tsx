// A list to import, as a chosen file or as text pasted from a spreadsheet: two tabs.
import type { ReactNode } from 'react';
import { Button, Input, Space, Tabs, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';

export type Source = 'file' | 'paste';

export interface FileOrPasteProps {
  tab: Source;
  /** A tab was chosen, a file picked or the text changed: what was checked before no longer holds. */
  onTab(tab: Source): void;
  labels: { file: string; choose: string; paste: string; placeholder: string };
  accept: string;
  onFile(file: File): void;
  /** What was chosen, under the button. */
  chosen?: ReactNode;
  pasteId: string;
  pasted: string;
  onPaste(text: string): void;
}

export function FileOrPaste({ tab, onTab, labels, accept, onFile, chosen, pasteId, pasted, onPaste }: FileOrPasteProps) {
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => onTab(k as Source)}
      items={[
        {
          key: 'file',
          label: labels.file,
          children: (
            <Space orientation="vertical">
              <Upload
                accept={accept}
                maxCount={1}
                showUploadList={false}
                beforeUpload={(f) => {
                  onFile(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>{labels.choose}</Button>
              </Upload>
              {chosen}
            </Space>
          ),
        },
        {
          key: 'paste',
          label: labels.paste,
          children: (
            <Input.TextArea
              id={pasteId}
              rows={8}
              style={{ fontFamily: 'monospace' }}
              placeholder={labels.placeholder}
              value={pasted}
              onChange={(e) => onPaste(e.target.value)}
            />
          ),
        },
      ]}
    />
  );
}
