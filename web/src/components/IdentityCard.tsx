// A person's identity, masked; users with the reveal permission can show it in clear (audited by the server).
import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import type { RevealedIdentity } from '../api/types';
import { useUser } from '../auth/AuthProvider';
import { canReveal, type Permission } from '../../../src/domain/permissions';
import { useI18n } from '../i18n/I18nProvider';
import { DOCUMENT_TYPE_LABELS } from '../i18n/labels';

export interface Identity {
  id: string;
  name: string;
  documentType: string;
  documentNumber: string;
  phone: string | null;
  /** Left out where the answer does not carry them (e.g. a case's person). The birth date is never shown beside a masked number. */
  birthYear?: number | null;
  sex?: string | null;
}

interface Props {
  person: Identity;
  children?: ReactNode;
  /** How to reveal the identifiers (audited by the server); default the person record's reveal. */
  reveal?: () => Promise<RevealedIdentity>;
  /** The permission that reads the record shown: revealing needs it besides the grant. */
  readPermission?: Permission;
}

export function IdentityCard({ person, children, reveal: revealFrom, readPermission = 'arrivals:read' }: Props) {
  const user = useUser();
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [revealed, setRevealed] = useState<RevealedIdentity | null>(null);
  const [loading, setLoading] = useState(false);
  const reveal = async () => {
    setLoading(true);
    try {
      setRevealed(await (revealFrom ? revealFrom() : api.post<RevealedIdentity>(`/persons/${encodeURIComponent(person.id)}/reveal`, {})));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('detail.identity')}
      extra={
        canReveal(user, readPermission) &&
        !revealed && (
          <Button icon={<EyeOutlined />} loading={loading} onClick={() => void reveal()}>
            {t('detail.reveal')}
          </Button>
        )
      }
    >
      {revealed && <Alert type="warning" showIcon title={t('detail.revealed')} style={{ marginBottom: 12 }} />}
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('arrivals.name')}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {person.name}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.documentType')}>{label(DOCUMENT_TYPE_LABELS, person.documentType)}</Descriptions.Item>
        <Descriptions.Item label={t('arrivals.document')}>
          <span style={{ fontFamily: 'monospace' }} data-testid="document-number">
            {revealed?.documentNumber ?? person.documentNumber}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('arrivals.phone')}>
          <span style={{ fontFamily: 'monospace' }} data-testid="phone">
            {revealed ? revealed.phone ?? '' : person.phone ?? ''}
          </span>
        </Descriptions.Item>
        {person.birthYear !== undefined && <Descriptions.Item label={t('detail.birthYear')}>{person.birthYear ?? '—'}</Descriptions.Item>}
        {person.sex !== undefined && (
          <Descriptions.Item label={t('detail.sex')}>
            {person.sex === 'male' ? t('detail.sex.male') : person.sex === 'female' ? t('detail.sex.female') : '—'}
          </Descriptions.Item>
        )}
        {children}
      </Descriptions>
    </Card>
  );
}
