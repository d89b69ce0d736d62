import type { BranchLevel, ComplaintStatus, Role } from '../../lib/types.js';

/** The steps of a case, as the contract names its mutations. */
export type ComplaintStep =
  'assign' | 'extend' | 'decide' | 'accept' | 'requestReview' | 'completeReview' | 'withdraw' | 'archive' | 'link';

/** What the rules read of the viewer. */
export interface StepViewer {
  id: string;
  role: Role;
  branch?: { id: string; level?: BranchLevel } | null;
  department?: { id: string } | null;
}

/** What the rules read of a case. */
export interface StepCase {
  status: ComplaintStatus;
  extensions: number;
  handler?: { id: string } | null;
  branch: { id: string };
  subjectStaff?: { id: string } | null;
  subjectDepartment?: { id: string } | null;
}

/** From which states each step may be taken (the server's COMPLAINT_TRANSITIONS). */
const FROM: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  assign: ['REGISTERED', 'HANDLING'],
  extend: ['REGISTERED', 'HANDLING'],
  decide: ['HANDLING'],
  accept: ['DECIDED'],
  requestReview: ['DECIDED'],
  completeReview: ['REVIEW_REQUESTED'],
  withdraw: ['REGISTERED', 'HANDLING', 'DECIDED', 'REVIEW_REQUESTED'],
  archive: ['DECIDED', 'ACCEPTED', 'REVIEWED'],
  link: ['REGISTERED', 'HANDLING', 'DECIDED', 'REVIEW_REQUESTED', 'REVIEWED', 'ACCEPTED', 'WITHDRAWN', 'ARCHIVED'],
};

/** 回避: the viewer is the staff member, or in the department, complained about. */
export function mustRecuse(viewer: StepViewer, c: StepCase): boolean {
  return (
    (!!c.subjectStaff && c.subjectStaff.id === viewer.id) || (!!c.subjectDepartment && c.subjectDepartment.id === viewer.department?.id)
  );
}

/**
 * The steps the viewer may take on the case now, mirroring the server's rules so that only useful
 * buttons show (the server still decides, and its refusals are shown in plain words). A branch
 * manager sees only their subtree's cases, so any case they see is theirs to handle; they perform
 * 核实 as the next-higher institution when the case is of a branch below their own.
 */
export function allowedSteps(viewer: StepViewer, c: StepCase): ComplaintStep[] {
  const role = viewer.role;
  const handles = role === 'BRANCH_MANAGER' || role === 'COORDINATOR';
  const headOffice = role === 'COORDINATOR' || (role === 'ADMIN' && viewer.branch?.level === 'HEAD_OFFICE');
  const recused = mustRecuse(viewer, c);
  const may: Record<ComplaintStep, boolean> = {
    assign: handles && !recused,
    extend: c.extensions === 0 ? handles || headOffice : c.extensions === 1 ? headOffice : false,
    decide: handles && !recused && !!c.handler,
    accept: handles,
    requestReview: ['AGENT', 'ANALYST', 'BRANCH_MANAGER', 'COORDINATOR'].includes(role),
    completeReview:
      !recused && (role === 'COORDINATOR' || (role === 'BRANCH_MANAGER' && !!viewer.branch && viewer.branch.id !== c.branch.id)),
    withdraw: ['AGENT', 'ANALYST', 'BRANCH_MANAGER', 'COORDINATOR'].includes(role),
    archive: handles,
    link: role === 'ANALYST' || role === 'COORDINATOR',
  };
  return (Object.keys(FROM) as ComplaintStep[]).filter((s) => may[s] && FROM[s].includes(c.status));
}

/** How a days-left figure reads: the tone of its tag and its words' key. */
export function daysLeftTone(daysLeft: number): 'alarm' | 'amber' | 'blue' {
  if (daysLeft < 0) return 'alarm';
  return daysLeft <= 3 ? 'amber' : 'blue';
}
