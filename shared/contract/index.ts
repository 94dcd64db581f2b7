export * from './names';
export * from './channels';
export * from './registry-dashboard';
export type * from './api';
