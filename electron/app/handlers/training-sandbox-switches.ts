/** What Training mode lets an admin change on its sandbox (registry-wiring.ts gives it; Live mode has none). */
export interface TrainingSandboxSwitches {
  sftpDown: () => boolean;
  setSftpDown: (down: boolean) => void;
}
