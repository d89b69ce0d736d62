import { useState } from 'react';
import { Button, Form, Space, Tag, Tree } from 'antd';
import { PlusOutlined, EditOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { enumValues } from '../../lib/translate.js';
import type { BranchNode } from '../../lib/reference.js';
import { BranchPicker } from '../common/branch-picker.js';
import { CodeNameModal, type CodeNameEdit } from './code-name-modal.js';
import { CREATE_BRANCH, UPDATE_BRANCH } from './org-page.query.js';

interface Node {
  key: string;
  branch: BranchNode;
  children?: Node[];
}

/** The organisation tree: 总行 → 分行 → 支行 → 网点; add a node below another, rename or move one. */
export function BranchTreePanel() {
  const { t, te } = useI18n();
  const { branches } = useReference();
  const [edit, setEdit] = useState<CodeNameEdit | null>(null);
  const create = useHubMutation(CREATE_BRANCH);
  const update = useHubMutation(UPDATE_BRANCH);

  const nodes = new Map<string, Node>(branches.map((b) => [b.id, { key: b.id, branch: b }]));
  const roots: Node[] = [];
  for (const b of branches) {
    const n = nodes.get(b.id)!;
    const parent = b.parent ? nodes.get(b.parent.id) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }

  function addChild(parent: BranchNode) {
    const levels = enumValues('BranchLevel');
    const level = levels[levels.indexOf(parent.level) + 1];
    if (!level) return;
    setEdit({
      title: t('org.addBelow', { name: parent.name, level: te('BranchLevel', level) }),
      submit: (v, form) =>
        create.run({ input: { code: v.code, name: v.name, level, parentId: parent.id } }, { form, success: t('admin.saved') }),
    });
  }
  function editBranch(b: BranchNode) {
    setEdit({
      title: t('org.editBranch', { name: b.name }),
      initial: { code: b.code, name: b.name, parentId: b.parent?.id },
      extra: b.parent ? (
        <Form.Item name="parentId" label={t('org.parent')} extra={t('org.moveHint')}>
          <BranchPicker style={{ width: '100%' }} />
        </Form.Item>
      ) : null,
      submit: (v, form) => {
        const parentId = v.parentId as string | undefined;
        return update.run(
          { input: { id: b.id, code: v.code, name: v.name, parentId: parentId && parentId !== b.parent?.id ? parentId : undefined } },
          { form, success: t('admin.saved') },
        );
      },
    });
  }

  return (
    <>
      <Tree<Node>
        treeData={roots}
        defaultExpandedKeys={roots.map((r) => r.key)}
        blockNode
        titleRender={(n) => (
          <Space size={6}>
            <span>{n.branch.name}</span>
            <Tag>{n.branch.code}</Tag>
            <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.62)' }}>{te('BranchLevel', n.branch.level)}</span>
            {n.branch.level !== 'OUTLET' && (
              <Button
                size="small"
                type="text"
                icon={<PlusOutlined />}
                aria-label={t('org.addChild', { name: n.branch.name })}
                onClick={(e) => {
                  e.stopPropagation();
                  addChild(n.branch);
                }}
              />
            )}
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              aria-label={t('org.edit', { name: n.branch.name })}
              onClick={(e) => {
                e.stopPropagation();
                editBranch(n.branch);
              }}
            />
          </Space>
        )}
      />
      <CodeNameModal edit={edit} onClose={() => setEdit(null)} />
    </>
  );
}
