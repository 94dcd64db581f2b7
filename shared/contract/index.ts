export * from './names';
export * from './channels';
export type * from './api';
