export * from './names';
export * from './channels';
export * from './registry-dashboard';
export * from './fetch';
export * from './video-kyc';
export * from './uae-onboarding';
export * from './digital-kyc';
export * from './same-customer';
export type * from './api';
