/**
 * Channel and event names alone, with no schema library behind them, so the sandboxed preload
 * can carry its allowlist without bundling a validator.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'app.setMode',
  'records.save',
  'records.get',
  'records.makers',
  'records.findSameCustomer',
  'drafts.get',
  'drafts.save',
  'drafts.discard',
  'pins.lookup',
  'records.list',
  'records.approve',
  'records.reject',
  'records.markReady',
  'sync.start',
  'batches.list',
  'batches.get',
  'batches.followAgain',
  'batches.close',
  'sync.status',
  'sync.setRoute',
  'session.state',
  'session.signIn',
  'session.switchTraining',
  'session.lock',
  'session.unlock',
  'session.signOut',
  'session.activity',
  'session.createFirstAdmin',
  'operators.list',
  'operators.create',
  'operators.update',
  'operators.resetPassword',
  'operators.unlock',
  'audit.list',
  'audit.verify',
  'audit.exportCsv',
  'settings.get',
  'settings.update',
  'secrets.status',
  'secrets.set',
  'secrets.clear',
  'connections.get',
  'connections.save',
  'connections.probeSftpHostKey',
  'connections.pinSftpHostKey',
  'connections.testApi',
  'documents.get',
  'documents.put',
  'registry.requests',
  'registry.downloads',
  'registry.activity',
  'registry.sftpHealth',
  'fetch.request',
  'fetch.list',
  'fetch.results',
  'fetch.send',
  'training.sftpDown',
  'videoKyc.send',
  'videoKyc.sendAgain',
  'videoKyc.close',
  'videoKyc.list',
  'videoKyc.get',
  'videoKyc.forRecord',
  'videoKyc.media',
  'videoKyc.keepMedia',
  'videoKyc.linkTypes',
  'videoKyc.settings.get',
  'videoKyc.settings.save',
  'videoKyc.settings.test',
  'uaeCdp.settings.get',
  'uaeCdp.settings.save',
  'uaeCdp.settings.test',
  'uaeCdp.lookUp',
  'uaeCdp.send',
  'masterData.uaeLists',
  'masterData.importUaeList',
  'masterData.revertUaeList',
  'digitalKyc.form',
  'digitalKyc.forRecord',
  'digitalKyc.push',
  'digitalKyc.typeAadhaar',
  'digitalKyc.close',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = ['record-saved', 'batch-updated', 'batch-progress', 'sync-status', 'sync-finished', 'session-changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The single Electron IPC channel that carries main → renderer events. */
export const EVENT_IPC_CHANNEL = 'kyc-desk:event';

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
