export { RegistryDashboard, type RegistryDashboardOptions } from './registry-dashboard';
export { SftpHealthHistory } from './sftp-health-history';
export { HealthWatchedBulkClient } from './health-watched-client';
