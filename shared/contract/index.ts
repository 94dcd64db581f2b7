export * from './names';
export * from './channels';
export * from './registry-dashboard';
export * from './fetch';
export type * from './api';
