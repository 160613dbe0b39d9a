// The search and reset buttons that end a filter form.
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Search submits the form; reset is the caller's: clear the fields and the filters applied. */
export function FilterButtons({ onReset }: { onReset(): void }) {
  const { t } = useI18n();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={onReset}>
          {t('common.reset')}
        </Button>
      </Space>
    </Form.Item>
  );
}
