/**
 * What an integration's service account may do (issue 19), one scope a job of the call-center
 * system. The viewer carries them (viewer.rules.ts) and the operation policy and the HTTP gate read
 * them, so they live in the kernel beside the roles.
 */
export const SERVICE_SCOPES = ['RECORD_FEEDBACK', 'RECORD_CONTACTS', 'IMPORT', 'READ_REPORTS'] as const;
export type ServiceScopeCode = (typeof SERVICE_SCOPES)[number];
