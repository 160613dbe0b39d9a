// When a site or room is full (409 site_full): the API's message, and "超额安置" with a required reason
// that resends the same request with an override (audited by the server).
import { useState } from 'react';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

export function SiteFullOverride({ message, sending, onSend }: { message: string; sending?: boolean; onSend(reason: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const bad = reason.trim().length < 2;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="site-full"
      title={t('full.title')}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <span data-testid="site-full-message">{message}</span>
          {!open ? (
            <Space>
              <Typography.Text type="secondary">{t('full.offer')}</Typography.Text>
              <Button danger size="small" onClick={() => setOpen(true)} data-testid="override-open">
                {t('full.override')}
              </Button>
            </Space>
          ) : (
            <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
              <Input
                id="override-reason"
                autoFocus
                aria-label={t('full.reason')}
                placeholder={t('full.reasonPlaceholder')}
                maxLength={200}
                value={reason}
                status={touched && bad ? 'error' : undefined}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
                  e.preventDefault();
                  e.stopPropagation();
                  setTouched(true);
                  if (!bad) onSend(reason.trim());
                }}
              />
              <Button
                danger
                type="primary"
                loading={sending}
                data-testid="override-send"
                onClick={() => {
                  setTouched(true);
                  if (!bad) onSend(reason.trim());
                }}
              >
                {t('full.send')}
              </Button>
            </Space.Compact>
          )}
          {open && touched && bad && <Typography.Text type="danger">{t('full.reasonRequired')}</Typography.Text>}
        </Space>
      }
    />
  );
}
