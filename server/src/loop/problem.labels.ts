/** How a history line names what a correction changed (the hub's working language is Chinese). */
export const LABELS_OF_CORRECTION = {
  title: '标题',
  category: '业务类别',
  severity: '严重程度',
  branches: '涉及机构',
} as const;
