/**
 * Grows whenever a user's rights may have changed in this process (deactivation, role, branch or
 * password). Live streams compare it at every delivery and re-read their user when it moved, so a
 * revoked user receives nothing more; changes made by another process are caught by the streams'
 * periodic sweep instead. One per hub (HubDeps.rights), not a module-level global: two hubs in one
 * process (tests) do not share it.
 */
export class RightsEpoch {
  private current = 0;

  get value(): number {
    return this.current;
  }

  bump(): void {
    this.current++;
  }
}
