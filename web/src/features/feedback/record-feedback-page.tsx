import { Card, Col, Row } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { PageHeader } from '../common/page-header.js';
import { RecordFeedbackForm } from './record-feedback-form.js';
import { TodayFeedbackList } from './today-feedback-list.js';

/** The agent's page: record a voice, see today's. */
export function RecordFeedbackPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('record.title')} sub={t('record.sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <RecordFeedbackForm />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small">
            <TodayFeedbackList />
          </Card>
        </Col>
      </Row>
    </>
  );
}
