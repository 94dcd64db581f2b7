import type { ChannelName } from '../../shared/contract';
import type { Permission } from '../../shared/operators/roles';

/**
 * Who may call each channel. 'public': before sign-in (the sign-in screen needs these);
 * 'signed-in': any signed-in operator; otherwise the permission the operator's role must grant.
 * Every channel is listed: adding one to the contract without deciding this is a type error.
 */
export type ChannelAccess = 'public' | 'signed-in' | Permission;

export const CHANNEL_ACCESS: Record<ChannelName, ChannelAccess> = {
  'app.info': 'public',
  'app.setMode': 'settings.manage',
  'session.state': 'public',
  'session.signIn': 'public',
  'session.switchTraining': 'public', // the service refuses it outside Training mode
  'session.unlock': 'public',
  'session.createFirstAdmin': 'public', // the service refuses it once an admin exists
  'session.lock': 'signed-in',
  'session.signOut': 'public',
  'session.activity': 'signed-in',
  'records.save': 'records.capture',
  'drafts.get': 'records.capture',
  'drafts.save': 'records.capture',
  'drafts.discard': 'records.capture',
  'pins.lookup': 'records.capture',
  'records.list': 'records.view',
  'records.get': 'records.view',
  'records.makers': 'records.view',
  // Asked by the capture form as its operator types; the answer is within their read scope.
  'records.findSameCustomer': 'records.capture',
  'records.approve': 'records.approve',
  'records.reject': 'records.approve',
  'records.markReady': 'records.approve',
  // A batch carries many makers' records: checkers and admins only (a maker follows their own
  // records' states and the registry's reasons in the queue).
  'batches.list': 'records.viewAll',
  'batches.get': 'records.viewAll',
  'batches.followAgain': 'sync.run',
  'batches.close': 'sync.run',
  'sync.status': 'records.view',
  'sync.setRoute': 'connections.manage',
  'documents.get': 'records.view',
  'documents.put': 'records.capture',
  'sync.start': 'sync.run',
  'operators.list': 'operators.manage',
  'operators.create': 'operators.manage',
  'operators.update': 'operators.manage',
  'operators.resetPassword': 'operators.manage',
  'operators.unlock': 'operators.manage',
  'audit.list': 'audit.view',
  'audit.verify': 'audit.view',
  'audit.exportCsv': 'audit.view',
  'settings.get': 'signed-in',
  'settings.update': 'settings.manage',
  'secrets.status': 'connections.manage',
  'secrets.set': 'connections.manage',
  'secrets.clear': 'connections.manage',
  'connections.get': 'connections.manage',
  'connections.save': 'connections.manage',
  'connections.probeSftpHostKey': 'connections.manage',
  'connections.pinSftpHostKey': 'connections.manage',
  'connections.testApi': 'connections.manage',
  // The Registry screen: the registry's view of every batch and download, checkers and admins.
  'registry.requests': 'records.viewAll',
  'registry.downloads': 'records.viewAll',
  'registry.activity': 'records.viewAll',
  'registry.sftpHealth': 'records.viewAll',
  // Fetch from CKYC: makers may ask (a request is a record: a checker approves it), checkers and admins send.
  'fetch.request': 'records.capture',
  'fetch.list': 'records.view',
  'fetch.results': 'records.view',
  'fetch.send': 'sync.run',
  // A video-KYC link is asked for and sent by whoever serves the customer at the counter, on
  // their own say-so (it carries a phone number and a reference: docs/decisions/0042). A maker
  // reads the links they asked for; checkers and admins all of them.
  'videoKyc.send': 'signed-in',
  'videoKyc.sendAgain': 'signed-in',
  'videoKyc.close': 'signed-in',
  'videoKyc.list': 'records.view',
  'videoKyc.get': 'records.view',
  'videoKyc.forRecord': 'records.view',
  'videoKyc.media': 'records.view',
  'videoKyc.keepMedia': 'records.view',
  'videoKyc.linkTypes': 'signed-in',
  'videoKyc.settings.get': 'connections.manage',
  'videoKyc.settings.save': 'connections.manage',
  'videoKyc.settings.test': 'connections.manage',
  'uaeCdp.settings.get': 'connections.manage',
  'uaeCdp.settings.save': 'connections.manage',
  'uaeCdp.settings.test': 'connections.manage',
  // The counter's look-up changes nothing; sending is a sync like any other.
  'uaeCdp.lookUp': 'signed-in',
  'uaeCdp.send': 'sync.run',
  'uaeCdp.enrolments': 'records.view',
  'uaeCdp.forRecord': 'records.view',
  'masterData.uaeLists': 'signed-in',
  'masterData.importUaeList': 'settings.manage',
  'masterData.revertUaeList': 'settings.manage',
  // A maker prepares an update; who may see records reads them; sending is a sync like any other.
  'bulkUpdate.candidates': 'records.capture',
  'bulkUpdate.prepareFromRecords': 'records.capture',
  'bulkUpdate.prepareFromFile': 'records.capture',
  'bulkUpdate.list': 'records.view',
  'bulkUpdate.detail': 'records.view',
  'bulkUpdate.file': 'records.view',
  'bulkUpdate.forRecord': 'records.view',
  'bulkUpdate.send': 'sync.run',
  'bulkUpdate.settings.get': 'connections.manage',
  'bulkUpdate.settings.save': 'connections.manage',
  'bulkUpdate.settings.test': 'connections.manage',
  // A record's application form: whoever may open the record (a maker their own).
  'digitalKyc.form': 'records.view',
  // Pushing a customer sends their data: whoever may send (a checker, an admin); anyone may read how it went.
  'digitalKyc.forRecord': 'records.view',
  'digitalKyc.push': 'sync.run',
  'digitalKyc.typeAadhaar': 'sync.run',
  'digitalKyc.close': 'sync.run',
  // Training mode's "Pretend the SFTP server is down" (Connections screen): admins; refused in Live mode.
  'training.sftpDown': 'connections.manage',
};
