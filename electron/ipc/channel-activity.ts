import type { ChannelName } from '../../shared/contract';

/**
 * Which calls show that a person is at the counter, and so postpone the idle lock.
 *
 * 'person': the renderer calls it only because someone pressed a key or clicked (a save, an
 * approval, a setting changed, the keyboard and pointer report of `session.activity`).
 * 'background': reads, and anything the renderer may call by itself — in reaction to an event
 * (`batch-updated` makes it read the queue, the batches and the sync status), on start-up, or on a
 * timer. These never count, or a followed batch would keep an unattended counter open for ever.
 *
 * Every channel is listed: adding one to the contract without deciding this is a type error.
 * When in doubt, 'background': a person's keys and clicks are reported anyway (`session.activity`).
 */
export type ChannelActivity = 'person' | 'background';

export const CHANNEL_ACTIVITY: Record<ChannelName, ChannelActivity> = {
  'app.info': 'background',
  'app.setMode': 'person',
  'session.state': 'background',
  'session.signIn': 'person',
  'session.switchTraining': 'person',
  'session.unlock': 'person',
  'session.createFirstAdmin': 'person',
  'session.lock': 'person',
  'session.signOut': 'person',
  'session.activity': 'person',
  'records.save': 'person',
  'drafts.get': 'background', // read when the capture screen opens
  'drafts.save': 'person', // sent only after the operator typed (300 ms later)
  'drafts.discard': 'person',
  'pins.lookup': 'background', // a read; the typing that caused it is reported by session.activity
  'records.list': 'background', // re-read on every batch-updated and record-saved event
  'records.get': 'background',
  'records.makers': 'background',
  'records.findSameCustomer': 'background', // a read; the typing that caused it is reported by session.activity
  'records.approve': 'person',
  'records.reject': 'person',
  'records.markReady': 'person',
  'batches.list': 'background', // re-read on every batch-updated event
  'batches.get': 'background',
  'batches.followAgain': 'person',
  'batches.close': 'person',
  'sync.status': 'background', // re-read on every batch-updated event
  'sync.setRoute': 'person',
  'documents.get': 'background',
  'documents.put': 'person',
  'sync.start': 'person',
  'operators.list': 'background',
  'operators.create': 'person',
  'operators.update': 'person',
  'operators.resetPassword': 'person',
  'operators.unlock': 'person',
  'audit.list': 'background',
  'audit.verify': 'background',
  'audit.exportCsv': 'background',
  'settings.get': 'background',
  'settings.update': 'person',
  'secrets.status': 'background',
  'secrets.set': 'person',
  'secrets.clear': 'person',
  'connections.get': 'background',
  'connections.save': 'person',
  'connections.probeSftpHostKey': 'background', // asks the server, changes nothing here
  'connections.pinSftpHostKey': 'person',
  'connections.testApi': 'background', // asks the registry, changes nothing here
  // The Registry screen reads: on opening, on a filter or page change, and SFTP health on a timer.
  'registry.requests': 'background',
  'registry.downloads': 'background',
  'registry.activity': 'background',
  'registry.sftpHealth': 'background',
  'fetch.request': 'person',
  'fetch.list': 'background', // read on opening and on batch-updated
  'fetch.results': 'background',
  'fetch.send': 'person',
  'videoKyc.send': 'person',
  'videoKyc.sendAgain': 'person',
  'videoKyc.close': 'person',
  'videoKyc.list': 'background', // read on opening and while sessions are followed
  'videoKyc.get': 'background', // the open session's detail refreshes itself
  'videoKyc.forRecord': 'background',
  'videoKyc.media': 'person',
  'videoKyc.keepMedia': 'person',
  'videoKyc.linkTypes': 'background',
  'videoKyc.settings.get': 'background',
  'videoKyc.settings.save': 'person',
  'videoKyc.settings.test': 'person',
  'uaeCdp.settings.get': 'background',
  'uaeCdp.settings.save': 'person',
  'uaeCdp.settings.test': 'person',
  'uaeCdp.lookUp': 'person',
  'uaeCdp.send': 'person',
  'uaeCdp.enrolments': 'background', // the UAE CDP screen refreshes on batch-updated
  'uaeCdp.forRecord': 'background',
  'masterData.uaeLists': 'background', // read when the UAE form or the lists screen opens
  'masterData.importUaeList': 'person',
  'masterData.revertUaeList': 'person',
  'digitalKyc.form': 'person', // pressed by a person at the counter
  'digitalKyc.forRecord': 'background', // the Review page's push section refreshes while a session is followed
  'digitalKyc.push': 'person',
  'digitalKyc.typeAadhaar': 'person',
  'digitalKyc.close': 'person',
  'bulkUpdate.candidates': 'person',
  'bulkUpdate.prepareFromRecords': 'person',
  'bulkUpdate.prepareFromFile': 'person',
  'bulkUpdate.list': 'background', // the Updates screen refreshes on batch-updated
  'bulkUpdate.detail': 'background',
  'bulkUpdate.file': 'person',
  'bulkUpdate.forRecord': 'background',
  'bulkUpdate.send': 'person',
  'bulkUpdate.settings.get': 'background',
  'bulkUpdate.settings.save': 'person',
  'bulkUpdate.settings.test': 'person',
  'training.sftpDown': 'background', // read when the Connections screen opens; a flip is a click, reported anyway
};

/** True when a call on this channel is a person's doing and so postpones the idle lock. */
export function countsAsActivity(channel: ChannelName): boolean {
  return CHANNEL_ACTIVITY[channel] === 'person';
}
