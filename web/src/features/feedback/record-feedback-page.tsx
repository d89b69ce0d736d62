import { useState } from 'react';
import { Card, Col, Row } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { PageHeader } from '../common/page-header.js';
import { RecordFeedbackForm } from './record-feedback-form.js';
import { TodayFeedbackList } from './today-feedback-list.js';
import { ArticleSuggestions } from '../knowledge/index.js';

/** The agent's page: record a voice, with the knowledge base's answers to it beside the form; see today's. */
export function RecordFeedbackPage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <>
      <PageHeader title={t('record.title')} sub={t('record.sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <RecordFeedbackForm onTextChange={setText} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <ArticleSuggestions text={text} />
          <Card size="small">
            <TodayFeedbackList />
          </Card>
        </Col>
      </Row>
    </>
  );
}
