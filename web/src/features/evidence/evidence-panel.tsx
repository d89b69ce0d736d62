import { useEffect, useRef, useState } from 'react';
import { Button, List, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useSession, useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { fetchExport, saveAs } from '../../lib/download.js';
import { formatDateTime } from '../../lib/format.js';
import { toast } from '../../lib/notify.js';
import type { EvidencePanelFileFragment } from '../../gql/graphql.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import {
  ACTION_EVIDENCE_QUERY,
  DIAGNOSIS_EVIDENCE_QUERY,
  OPINION_EVIDENCE_QUERY,
  PROBLEM_EVIDENCE_QUERY,
  REMOVE_EVIDENCE,
} from './evidence-panel.query.js';
import { imageBlobUrl, uploadEvidence, type EvidenceParentKind, type UploadResult } from './evidence-upload.js';

/** What the file picker offers; the server decides from the content whatever the picker let through. */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,.pdf,.doc,.docx,.xls,.xlsx,.pptx,.txt';

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export interface EvidencePanelProps {
  /** An action by its id; a problem, its diagnosis or an expert's opinion by the problem's id (and the expert's). */
  parent: { kind: EvidenceParentKind; id: string; expertId?: string };
  /** The problem the parent belongs to: the list follows its events live. */
  problemId?: string;
  /** Whether the viewer may attach files here (whoever may write the parent; the server checks again). */
  canUpload: boolean;
  title?: string;
}

/**
 * The evidence files of an action, a problem, its diagnosis or an expert's opinion: images previewed (fetched with the session's
 * token into a blob: URL, so that the preview is authorised like the download), every file
 * downloadable, files attached from the device (a phone offers its camera), removed with a reason
 * by the uploader or the coordinator. Live: another person's upload shows up here.
 */
export function EvidencePanel({ parent, problemId, canUpload, title }: EvidencePanelProps) {
  const { t } = useI18n();
  const { token } = useSession();
  const viewer = useViewer();
  const live = { problemId, types: ['EVIDENCE_ADDED', 'EVIDENCE_REMOVED'] as const };
  const [actionResult, refetchAction] = useLiveQuery({
    query: ACTION_EVIDENCE_QUERY,
    variables: { id: parent.id },
    live: { ...live, types: [...live.types] },
    pause: parent.kind !== 'ACTION',
  });
  const [problemResult, refetchProblem] = useLiveQuery({
    query: PROBLEM_EVIDENCE_QUERY,
    variables: { id: parent.id },
    live: { ...live, types: [...live.types] },
    pause: parent.kind !== 'PROBLEM',
  });
  const [diagnosisResult, refetchDiagnosis] = useLiveQuery({
    query: DIAGNOSIS_EVIDENCE_QUERY,
    variables: { id: parent.id },
    live: { ...live, types: [...live.types] },
    pause: parent.kind !== 'DIAGNOSIS',
  });
  const [opinionResult, refetchOpinion] = useLiveQuery({
    query: OPINION_EVIDENCE_QUERY,
    variables: { id: parent.id },
    live: { ...live, types: [...live.types] },
    pause: parent.kind !== 'OPINION',
  });
  const node = actionResult.data?.node;
  const files: EvidencePanelFileFragment[] = {
    ACTION: () => (node && 'evidenceFiles' in node ? (node.evidenceFiles ?? []) : []),
    PROBLEM: () => problemResult.data?.problem?.evidenceFiles ?? [],
    DIAGNOSIS: () => diagnosisResult.data?.problem?.diagnosis?.evidenceFiles ?? [],
    OPINION: () => opinionResult.data?.problem?.consultation?.opinions.find((o) => o.expert.id === parent.expertId)?.evidenceFiles ?? [],
  }[parent.kind]();
  const refetch = () =>
    ({ ACTION: refetchAction, PROBLEM: refetchProblem, DIAGNOSIS: refetchDiagnosis, OPINION: refetchOpinion })[parent.kind]({
      requestPolicy: 'network-only',
    });
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ name: string; url: string } | null>(null);
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const remove = useHubMutation(REMOVE_EVIDENCE);

  function reasonOf(r: Extract<UploadResult, { ok: false }>): string {
    if (r.status === 413) return t('evidence.tooLarge');
    if (r.status === 415) return t('evidence.typeRefused');
    if (r.field === 'fileName') return t('evidence.badName');
    return t(`error.${r.code}` as never);
  }

  async function upload(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      setUploading(file.name);
      const r = await uploadEvidence(parent, file, token);
      if (r.ok) toast.success(t('evidence.uploaded', { name: file.name }));
      else toast.error(t('evidence.failed', { name: file.name, reason: reasonOf(r) }));
    }
    setUploading(null);
    if (input.current) input.current.value = '';
    refetch();
  }

  async function download(f: EvidencePanelFileFragment) {
    const r = await fetchExport(f.downloadUrl, token);
    if (r.blob) saveAs(r.blob, f.fileName);
    else toast.error(t(r.status === 404 ? 'error.NOT_FOUND' : 'error.UNKNOWN'));
  }

  return (
    <div
      className="hub-evidence"
      data-testid={`evidence-${parent.kind.toLowerCase()}-${parent.id}${parent.expertId ? `-${parent.expertId}` : ''}`}
    >
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{title ?? t('evidence.title')}</Typography.Text>
        {canUpload && (
          <>
            <Button size="small" icon={<PaperClipOutlined />} loading={!!uploading} onClick={() => input.current?.click()}>
              {uploading ? t('evidence.uploading', { name: uploading }) : t('evidence.add')}
            </Button>
            <input
              ref={input}
              type="file"
              multiple
              accept={ACCEPT}
              hidden
              aria-label={t('evidence.add')}
              data-testid="evidence-input"
              onChange={(e) => void upload(e.target.files)}
            />
          </>
        )}
      </Space>
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('evidence.hint')}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={files}
        // Its colour (AA contrast) comes from the theme's List token.
        locale={{ emptyText: t('evidence.empty') }}
        renderItem={(f) => (
          <List.Item
            key={f.id}
            actions={[
              <Button
                key="download"
                size="small"
                type="link"
                icon={<DownloadOutlined />}
                aria-label={t('evidence.download', { name: f.fileName })}
                onClick={() => void download(f)}
              />,
              ...(viewer.role === 'COORDINATOR' || viewer.id === f.uploadedBy.id
                ? [
                    <Button
                      key="remove"
                      size="small"
                      type="link"
                      danger
                      aria-label={t('evidence.removeTitle', { name: f.fileName })}
                      onClick={() =>
                        setPrompt({
                          title: t('evidence.removeTitle', { name: f.fileName }),
                          field: 'reason',
                          label: t('evidence.removeReason'),
                          danger: true,
                          submit: async (reason, form) => {
                            const r = await remove.run(
                              { input: { evidenceId: f.id, reason } },
                              { form, problemId, success: t('evidence.removed') },
                            );
                            if (r.ok) refetch();
                            return r;
                          },
                        })
                      }
                    >
                      {t('evidence.remove')}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <Space align="center">
              {f.isImage && <Thumbnail file={f} token={token} onOpen={setPreview} />}
              <span>
                <Typography.Text>{f.fileName}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {sizeOf(f.size)} · {t('evidence.by', { name: f.uploadedBy.displayName, at: formatDateTime(f.uploadedAt) })}
                </Typography.Text>
              </span>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={!!preview}
        title={preview && t('evidence.previewTitle', { name: preview.name })}
        footer={null}
        onCancel={() => setPreview(null)}
      >
        {preview && <img src={preview.url} alt={preview.name} data-testid="evidence-preview-image" style={{ maxWidth: '100%' }} />}
      </Modal>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />
    </div>
  );
}

/** A small authorised preview of an image; opens the large one. */
function Thumbnail({
  file,
  token,
  onOpen,
}: {
  file: EvidencePanelFileFragment;
  token: string | null;
  onOpen: (p: { name: string; url: string }) => void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    let made: string | null = null;
    void imageBlobUrl(file.downloadUrl, token).then((u) => {
      made = u;
      if (gone) {
        if (u) URL.revokeObjectURL(u);
      } else setUrl(u);
    });
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file.downloadUrl, token]);
  if (url === null) return <Typography.Text type="secondary">{t('evidence.previewFailed')}</Typography.Text>;
  return (
    <button
      type="button"
      className="hub-evidence-thumb"
      aria-label={t('evidence.preview', { name: file.fileName })}
      disabled={!url}
      onClick={() => url && onOpen({ name: file.fileName, url })}
    >
      {url && <img src={url} alt={file.fileName} data-testid="evidence-thumbnail" />}
    </button>
  );
}
