import type { Handlers } from '../../ipc/router';
import { UaeMasterData } from '../../master-data/uae-master-data';
import { actingOperator, auditActor, type HandlerContext } from './context';

type MasterDataChannel = 'masterData.uaeLists' | 'masterData.importUaeList' | 'masterData.revertUaeList';

/** What the code-list handlers work with. */
export type MasterDataHandlerServices = Pick<HandlerContext, 'store' | 'audit' | 'session'>;

/**
 * The UAE customer's code lists (electron/master-data/). The lists in force are read from this
 * mode's store and put in force for the record's rules as the handlers are built, at start-up,
 * before any record can be saved.
 */
export function masterDataHandlers(context: MasterDataHandlerServices): Pick<Handlers, MasterDataChannel> {
  const master = new UaeMasterData(context.store, context.audit);
  master.putInForce();
  return {
    'masterData.uaeLists': () => ({ lists: master.lists(), sources: master.sources() }),
    'masterData.importUaeList': ({ list, text }) => master.import(list, text, auditActor(actingOperator(context))),
    'masterData.revertUaeList': ({ list }) => master.revert(list, auditActor(actingOperator(context))),
  };
}
