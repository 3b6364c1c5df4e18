// The backup capability's entry: the only file other folders import.
export { type Backup, BackupError, createBackup, restoreBackup } from './backup-service.js';
