/**
 * Grows whenever a user's rights may have changed in this process (deactivation, role, branch or
 * password). Live streams compare it at every delivery and re-read their user when it moved, so a
 * revoked user receives nothing more; changes made by another process are caught by the streams'
 * periodic sweep instead.
 */
export const userEpoch = { value: 0 };

export function bumpUserEpoch(): void {
  userEpoch.value++;
}
