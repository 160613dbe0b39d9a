import { Button, Col, DatePicker, Form, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PlaceSearchSelect } from '../../components/PlaceSearchSelect';
import { useI18n } from '../../i18n/I18nProvider';

/** Optional rows of places visited recently, each with its dates. */
export function VisitedRows() {
  const { t } = useI18n();
  return (
    <Form.List name="visited">
      {(fields, { add, remove }) => (
        <div>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('desk.visited')}
          </Typography.Text>
          {fields.map((f) => (
            <Row gutter={12} key={f.key} align="top">
              <Col xs={24} md={11}>
                <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: t('desk.required', { field: t('desk.visitedPlace') }) }]}>
                  <PlaceSearchSelect levels={['province', 'city', 'district', 'town']} placeholder={t('desk.visitedPlace')} />
                </Form.Item>
              </Col>
              <Col xs={20} md={11}>
                <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: t('desk.required', { field: t('desk.visitedDates') }) }]}>
                  <DatePicker.RangePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={4} md={2} data-nav-skip>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
              </Col>
            </Row>
          ))}
          <span data-nav-skip>
            <Button icon={<PlusOutlined />} onClick={() => add({})} size="small">
              {t('desk.addVisited')}
            </Button>
          </span>
        </div>
      )}
    </Form.List>
  );
}
